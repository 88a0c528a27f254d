import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { startProcess } from './support/processes';
import { itWithRealServers, json, REAL_SERVERS, startApp, type TestApp } from './support/test-app';

const backend = process.env.REDIS_URL ? 'redis' : 'postgres';

describe(`job queue round trip (${REAL_SERVERS ? 'PostgreSQL + Redis' : 'embedded'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('carries a probe job from the API through a worker into the database and back', async () => {
    const response = await t.request('/api/system/queue/probe', json({ timeoutMs: 10000 }));
    expect(response.status).toBe(200);
    const probe = response.body.data;
    expect(probe).toMatchObject({
      backend,
      processedBy: `${hostname()}:${process.pid}`,
      roundTripMs: expect.any(Number),
    });
    const [row] = await t.app
      .get(DataSource)
      .query('SELECT completed_at, processed_by FROM queue_probe WHERE id = $1', [probe.probeId]);
    expect(row.processed_by).toBe(probe.processedBy);
    expect(row.completed_at.toISOString()).toBe(probe.completedAt);
  });

  it('completes 20 concurrent probes, each with its own result', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.request('/api/system/queue/probe', json({ timeoutMs: 20000 })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const ids = new Set(responses.map((r) => r.body.data.probeId));
    expect(ids.size).toBe(20);
  });

  it('accepts a probe without a body, using the default timeout', async () => {
    const response = await t.request('/api/system/queue/probe', { method: 'POST' });
    expect(response.status).toBe(200);
  });
});

describe('separate API and worker processes (PostgreSQL + Redis)', () => {
  itWithRealServers(
    'runs jobs in a worker process shared by two API instances, and answers 503 without one',
    async () => {
      const apiA = await startApp({ API_RUNS_WORKERS: 'false' });
      const apiB = await startApp({ API_RUNS_WORKERS: 'false' });
      const worker = startProcess('worker', {
        DATABASE_URL: process.env.DATABASE_URL as string,
        REDIS_URL: process.env.REDIS_URL ?? '',
        REDIS_PREFIX: process.env.REDIS_PREFIX ?? 'techdeck-test',
        DATA_DIR: apiA.config.dataDir,
      });
      try {
        await worker.waitFor(/consuming jobs/);
        const results = await Promise.all(
          [apiA, apiB, apiA, apiB].map((api) =>
            api.request('/api/system/queue/probe', json({ timeoutMs: 20000 })),
          ),
        );
        for (const result of results) {
          // The whole body is compared so that a failure shows the error envelope.
          expect(result.body).toMatchObject({
            success: true,
            data: { processedBy: `${hostname()}:${worker.child.pid}` },
          });
        }
        expect(await worker.stop('SIGTERM')).toEqual({ code: 0, signal: null });

        const unanswered = await apiA.request('/api/system/queue/probe', json({ timeoutMs: 500 }));
        expect(unanswered.status).toBe(503);
        expect(unanswered.body.error.code).toBe('SERVICE_UNAVAILABLE');
      } finally {
        await worker.stop('SIGKILL');
        await apiA.close();
        await apiB.close();
      }
    },
  );

  itWithRealServers(
    'uses the PostgreSQL queue backend of a real server when Redis is not set',
    async () => {
      const api = await startApp({ REDIS_URL: '' });
      try {
        const response = await api.request('/api/system/queue/probe', json({ timeoutMs: 10000 }));
        expect(response.status).toBe(200);
        expect(response.body.data.backend).toBe('postgres');
      } finally {
        await api.close();
      }
    },
  );
});
