import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import autocannon from 'autocannon';
import { conversationThroughput } from './conversations';
import { datasetTransfers } from './datasets';
import { privacyThroughput } from './privacy';

/**
 * `npm run bench`: throughput and latency of the built service against a bare Fastify route
 * measured in the same run, plus start-up time and memory of the embedded default and (when
 * DATABASE_URL is set) of real PostgreSQL. Every figure is relative to a baseline taken here and
 * now, because this machine is noisy; no figure is asserted.
 */

const ROOT = join(__dirname, '..', '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface Server {
  child: ChildProcess;
  url: string;
  startMs: number;
  stop(): Promise<void>;
}

function startServer(script: string, env: Record<string, string>): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist', script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (!match) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({
        child,
        url: match[1],
        startMs: performance.now() - started,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
}

/** Resident memory of a process and its threads, from /proc (Linux). */
function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  // A short warm-up lets the JIT settle before the measured run.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function row(label: string, load: Load, baseline?: Load): string {
  const ratio = baseline ? ` ${((load.rps / baseline.rps) * 100).toFixed(1)}% of baseline` : '';
  return (
    `${label.padEnd(34)} ${String(load.rps).padStart(7)} req/s  p50 ${String(load.p50).padStart(3)} ms` +
    `  p99 ${String(load.p99).padStart(3)} ms  errors ${load.errors}${ratio}`
  );
}

async function throughput(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'techdeck-bench-'));
  const bare = await startServer('bench/bare-fastify.js', {});
  const baseline = await load(`${bare.url}/hello`);
  await bare.stop();

  const service = await startServer('bench/bench-server.js', {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    JWT_SECRET: BENCH_SECRET,
    // The limiter runs (and costs) on every request; the limit is set out of the way.
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const health = await load(`${service.url}/api/system/health`);
  const live = await load(`${service.url}/api/system/health/live`);
  const open = await load(`${service.url}/api/bench/me`);
  const me = await load(`${service.url}/api/auth/me`, { authorization: `Bearer ${benchToken()}` });
  const audited = await auditedEntries(service.url);
  await service.stop();
  rmSync(dataDir, { recursive: true, force: true });

  console.log(`\nThroughput (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s, loopback)`);
  console.log(row('bare Fastify GET /hello (baseline)', baseline));
  console.log(row('service GET /api/system/health', health, baseline));
  console.log(row('service GET /api/system/health/live', live, baseline));
  console.log(row('GET /api/bench/me (same, open)', open, baseline));
  console.log(row('GET /api/auth/me (auth+limit+audit)', me, baseline));
  console.log(
    `auth + rate limit + audit vs the same route without them: ` +
      `${((me.rps / open.rps) * 100).toFixed(1)}% of the requests/s, p99 ${me.p99} ms vs ${open.p99} ms; ` +
      `${audited} audit entries written, chain verified`,
  );
}

const BENCH_SECRET = 'bench-secret-0123456789-0123456789-0123456789';

function benchToken(): string {
  return new JwtService().sign(
    { sub: 'bench', role: 'admin', org: 'bench' },
    { secret: BENCH_SECRET, algorithm: 'HS256', expiresIn: 3600 },
  );
}

/** How many entries the audited run wrote, after checking that the chain is intact. */
async function auditedEntries(url: string): Promise<number> {
  const response = await fetch(`${url}/api/audit/verify`, {
    headers: { authorization: `Bearer ${benchToken()}` },
  });
  const { data } = (await response.json()) as { data: { valid: boolean; checked: number } };
  if (!data.valid) throw new Error('the audit chain written under load does not verify');
  return data.checked;
}

async function startup(label: string, env: Record<string, string>): Promise<string> {
  const service = await startServer('src/main.js', { PORT: '0', HOST: '127.0.0.1', ...env });
  // Memory once the service has answered something, as a user would see it.
  await fetch(`${service.url}/api/system/health`);
  const rss = rssMb(service.child.pid);
  await service.stop();
  return `${label.padEnd(34)} start ${String(Math.round(service.startMs)).padStart(5)} ms  RSS ${rss} MB`;
}

async function startups(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'techdeck-bench-'));
  console.log('\nStart-up (spawn to listening) and resident memory');
  console.log(await startup('embedded, new DATA_DIR', { DATA_DIR: dataDir }));
  console.log(await startup('embedded, existing DATA_DIR', { DATA_DIR: dataDir }));
  if (process.env.DATABASE_URL) {
    const env = { DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL };
    console.log(await startup('PostgreSQL (DATABASE_URL)', env));
    if (process.env.REDIS_URL) {
      console.log(
        await startup('PostgreSQL + Redis', {
          ...env,
          REDIS_URL: process.env.REDIS_URL,
          REDIS_PREFIX: 'techdeck-bench',
        }),
      );
    }
  } else {
    console.log('PostgreSQL: skipped (set DATABASE_URL, and REDIS_URL, to measure it)');
  }
  rmSync(dataDir, { recursive: true, force: true });
}

async function transfers(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'techdeck-bench-'));
  const bare = await startServer('bench/bare-fastify.js', {});
  const service = await startServer('src/main.js', {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    JWT_SECRET: BENCH_SECRET,
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  try {
    const lines = await datasetTransfers(
      { url: bare.url, pid: bare.child.pid },
      { url: service.url, pid: service.child.pid },
      benchToken(),
    );
    console.log('\nDataset transfers (median of runs; embedded database; RSS of the API process)');
    for (const line of lines) console.log(line);
  } finally {
    await bare.stop();
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'throughput') await throughput();
  if (!only || only === 'startup') await startups();
  if (!only || only === 'datasets') await transfers();
  if (!only || only === 'conversations') {
    console.log('\nStandardization and validation (one core, median of runs)');
    for (const line of await conversationThroughput()) console.log(line);
  }
  if (!only || only === 'privacy') {
    console.log('\nPII scan and bias analysis (median of runs)');
    for (const line of await privacyThroughput()) console.log(line);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
