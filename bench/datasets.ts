import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { syntheticRows, type SyntheticTemplate } from '../scripts/fixtures/synthetic-conversations';
import type { DatasetFormat, Row } from '../src/modules/datasets/formats/format';
import { writeRows } from '../src/modules/datasets/formats/row-io';

const TARGET_BYTES = Number(process.env.BENCH_DATASET_MB ?? 100) * 1024 * 1024;
const RUNS = Number(process.env.BENCH_DATASET_RUNS ?? 3);

export interface TransferServer {
  url: string;
  pid: number | undefined;
}

/** A synthetic dataset of about TARGET_BYTES in `format` (plain synthetic text: fine on disk). */
async function generate(
  dir: string,
  format: DatasetFormat,
  template: SyntheticTemplate,
): Promise<string> {
  const path = join(dir, `bench.${format}`);
  const out = createWriteStream(path);
  const rows = syntheticRows({ rows: Number.MAX_SAFE_INTEGER, template, seed: 42 });
  const columns =
    template === 'question_answer'
      ? ['questionId', 'questionText', 'answerText', 'upvotes'].map((name) => ({
          name,
          type: 'string' as const,
        }))
      : [];
  let written = 0;
  async function* limited(): AsyncGenerator<Row> {
    for (const row of rows) {
      if (written >= TARGET_BYTES) return;
      yield row;
    }
  }
  for await (const chunk of writeRows(format, limited(), columns)) {
    written += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

function rssOf(pid: number | undefined): number {
  return (
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  );
}

/** Peak resident memory of a process while `work` runs, sampled from /proc every 10 ms. */
async function peakRss<T>(
  pid: number | undefined,
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number }> {
  const read = () =>
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  let peak = read();
  const timer = setInterval(() => (peak = Math.max(peak, read())), 10);
  try {
    const result = await work();
    return { result, peakMb: Math.round(Math.max(peak, read())) };
  } finally {
    clearInterval(timer);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** Uploads with curl, as STACK-NOTES measured it: the client streams the file from disk. */
async function postFile(
  url: string,
  path: string,
  token?: string,
): Promise<{ status: number; body: string }> {
  const args = [
    '-s',
    '-o',
    '-',
    '-w',
    '\n%{http_code}',
    '-F',
    'name=bench',
    '-F',
    `file=@${path}`,
    url,
  ];
  if (token) args.unshift('-H', `authorization: Bearer ${token}`);
  const child = spawn('curl', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`curl exited with ${code}`);
  const newline = output.lastIndexOf('\n');
  return { status: Number(output.slice(newline + 1)), body: output.slice(0, newline) };
}

async function drain(url: string, token: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200 || !response.body)
    throw new Error(`download answered ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += (chunk as Uint8Array).length;
  return bytes;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function waitReady(url: string, token: string, id: string): Promise<void> {
  for (;;) {
    const response = await fetch(`${url}/api/datasets/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { data } = (await response.json()) as { data: { status: string } };
    if (data.status !== 'processing') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * 100 MB uploads through the API (multipart + detection + parse check + SHA-256 + encryption +
 * disk) against the same bytes through a bare Fastify multipart route, and downloads (decrypt +
 * stream, and a conversion), with the API process's peak memory.
 */
export async function datasetTransfers(
  bare: TransferServer,
  service: TransferServer,
  token: string,
): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'techdeck-bench-data-'));
  const lines: string[] = [];
  try {
    for (const [format, template] of [
      ['jsonl', 'chatml'],
      ['csv', 'question_answer'],
    ] as const) {
      const path = await generate(dir, format, template);
      const idleMb = rssOf(service.pid);
      const mb = statSync(path).size / 1024 / 1024;
      const baseline: number[] = [];
      const uploads: number[] = [];
      let peakUpload = 0;
      let id = '';
      for (let run = 0; run < RUNS; run++) {
        const bareRun = await timed(() => postFile(`${bare.url}/upload`, path));
        if (bareRun.result.status !== 200)
          throw new Error(`bare upload answered ${bareRun.result.status}`);
        baseline.push(bareRun.ms);
        const measured = await peakRss(service.pid, () =>
          timed(() => postFile(`${service.url}/api/datasets`, path, token)),
        );
        if (measured.result.result.status !== 201) {
          throw new Error(
            `upload answered ${measured.result.result.status}: ${measured.result.result.body.slice(0, 300)}`,
          );
        }
        uploads.push(measured.result.ms);
        peakUpload = Math.max(peakUpload, measured.peakMb);
        id = (JSON.parse(measured.result.result.body) as { data: { id: string } }).data.id;
        // Profiling runs in the same process: let it finish so it does not share the next run.
        await waitReady(service.url, token, id);
      }
      await waitReady(service.url, token, id);
      const downloads: number[] = [];
      let peakDownload = 0;
      for (let run = 0; run < RUNS; run++) {
        const measured = await peakRss(service.pid, () =>
          timed(() => drain(`${service.url}/api/datasets/${id}/download`, token)),
        );
        downloads.push(measured.result.ms);
        peakDownload = Math.max(peakDownload, measured.peakMb);
      }
      const target = format === 'jsonl' ? 'csv' : 'jsonl';
      const conversion = await peakRss(service.pid, () =>
        timed(() => drain(`${service.url}/api/datasets/${id}/download?format=${target}`, token)),
      );
      const up = median(uploads);
      const base = median(baseline);
      const down = median(downloads);
      lines.push(
        `${format} ${mb.toFixed(0)} MB upload    ${(up / 1000).toFixed(2)} s (${(mb / (up / 1000)).toFixed(0)} MB/s)` +
          `  bare Fastify ${(base / 1000).toFixed(2)} s  ratio ${(up / base).toFixed(2)}x  RSS ${Math.round(idleMb)} -> peak ${peakUpload} MB`,
        `${format} ${mb.toFixed(0)} MB download  ${(down / 1000).toFixed(2)} s (${(mb / (down / 1000)).toFixed(0)} MB/s)` +
          `  peak RSS ${peakDownload} MB`,
        `${format} -> ${target} conversion ${(conversion.result.ms / 1000).toFixed(2)} s` +
          ` (${(mb / (conversion.result.ms / 1000)).toFixed(0)} MB/s of source)  peak RSS ${conversion.peakMb} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
