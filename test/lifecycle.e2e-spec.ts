import { existsSync } from 'node:fs';
import { Controller, Get, Module } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { HttpLifecycle } from '../src/infra/http/http-lifecycle.service';
import { startProcess } from './support/processes';
import { freshDataDir, itEmbedded, json, startApp } from './support/test-app';

/** The environment of the mode under test, for child processes. */
function modeEnv(dataDir: string): Record<string, string> {
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX']) {
    if (process.env[name]) env[name] = process.env[name] as string;
  }
  return env;
}

describe('the service as a process', () => {
  it('starts, answers, and exits 0 on SIGTERM after a clean shutdown', async () => {
    const dataDir = freshDataDir();
    const service = startProcess('main', modeEnv(dataDir));
    try {
      const [, url] = await service.waitFor(/listening on (http:\/\/[\d.:]+)/);
      const health = await fetch(`${url}/api/system/health`);
      expect(health.status).toBe(200);
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(service.output()).toContain('SIGTERM received');
      expect(existsSync(join(dataDir, '.lock'))).toBe(false);
    } finally {
      await service.stop('SIGKILL');
    }
  });

  itEmbedded('refuses to open a DATA_DIR that another process is using', async () => {
    const dataDir = freshDataDir();
    const first = startProcess('main', modeEnv(dataDir));
    try {
      await first.waitFor(/listening on/);
      const second = startProcess('main', modeEnv(dataDir));
      expect((await second.exited).code).toBe(1);
      expect(second.output()).toContain(
        `DATA_DIR ${dataDir} is in use by another process (pid ${first.child.pid})`,
      );
      expect(second.output()).not.toMatch(/^\s+at /m);
    } finally {
      await first.stop('SIGTERM');
    }
  });

  it('stops at start-up on invalid configuration, naming the variable', async () => {
    const service = startProcess('main', { ...modeEnv(freshDataDir()), PORT: 'eighty' });
    expect((await service.exited).code).toBe(1);
    expect(service.output()).toMatch(/^Invalid configuration:\n {2}- PORT/);
    expect(service.output()).not.toMatch(/^\s+at /m);
  });

  it('refuses production mode without real secrets', async () => {
    const service = startProcess('main', {
      ...modeEnv(freshDataDir()),
      NODE_ENV: 'production',
      JWT_SECRET: 'secret',
    });
    expect((await service.exited).code).toBe(1);
    expect(service.output()).toContain('JWT_SECRET is too weak for production');
    expect(service.output()).toContain('ENCRYPTION_KEYS is required in production');
  });

  itEmbedded('keeps its data across a restart on the same DATA_DIR', async () => {
    const dataDir = freshDataDir();
    const first = await startApp({ DATA_DIR: dataDir });
    const probe = await first.request('/api/system/queue/probe', json({ timeoutMs: 10000 }));
    expect(probe.status).toBe(200);
    await first.close();

    const second = await startApp({ DATA_DIR: dataDir });
    try {
      const rows = await second.app
        .get(DataSource)
        .query('SELECT processed_by FROM queue_probe WHERE id = $1', [probe.body.data.probeId]);
      expect(rows).toEqual([{ processed_by: probe.body.data.processedBy }]);
    } finally {
      await second.close();
    }
  });
});

/** A route that holds its request open until the test lets it go, then uses the database. */
const gate = { entered: () => undefined as void, release: Promise.resolve() };

@Controller('test-only')
class SlowController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('slow')
  async slow(): Promise<{ rows: number }> {
    gate.entered();
    await gate.release;
    const rows = await this.dataSource.query('SELECT count(*)::int AS n FROM queue_probe');
    return { rows: rows.length };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

/** Resolves once the condition holds, checking on every turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 1_000_000) throw new Error('condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('graceful shutdown', () => {
  it('finishes a request in flight when shutdown starts, with the database still open, then stops', async () => {
    const t = await startApp({}, { imports: [SlowModule] });
    const lifecycle = t.app.get(HttpLifecycle);
    let release: () => void = () => undefined;
    gate.release = new Promise((resolve) => (release = resolve));
    const entered = new Promise<void>((resolve) => (gate.entered = resolve));

    const inFlight = t.request('/api/test-only/slow');
    await entered;
    let closed = false;
    const closing = t.close().then(() => (closed = true));
    try {
      await until(() => lifecycle.shuttingDown);
      release();
      const response = await inFlight;
      expect(closed).toBe(false);
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ rows: 1 });
    } finally {
      release();
      await closing;
    }
    await expect(fetch(`${t.url}/api/system/health/live`)).rejects.toThrow();
  });
});
