import { DataSource } from 'typeorm';
import { json, REAL_SERVERS, startApp, type TestApp } from './support/test-app';

describe(`system endpoints (${REAL_SERVERS ? 'PostgreSQL + Redis' : 'embedded'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('reports ok with a check for each dependency', async () => {
    const response = await t.request('/api/system/health');
    expect(response.status).toBe(200);
    const { status, checks } = response.body.data;
    expect(status).toBe('ok');
    expect(checks.database).toMatchObject({
      status: 'up',
      critical: true,
      details: { kind: REAL_SERVERS ? 'postgres' : 'embedded' },
    });
    expect(checks.queue).toMatchObject({ status: 'up', critical: false });
    expect(checks.disk.details.freeBytes).toBeGreaterThan(0);
    expect(checks.memory.details.heapUsedBytes).toBeGreaterThan(0);
    expect(Boolean(checks.redis)).toBe(Boolean(process.env.REDIS_URL));
  });

  it('answers liveness and readiness', async () => {
    expect((await t.request('/api/system/health/live')).status).toBe(200);
    const ready = await t.request('/api/system/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.data).toMatchObject({ ready: true, shuttingDown: false });
  });

  it('gives process, event-loop, pool and queue figures', async () => {
    const response = await t.request('/api/system/metrics');
    expect(response.status).toBe(200);
    const { process: proc, eventLoop, database, queue } = response.body.data;
    expect(proc.pid).toBe(process.pid);
    expect(proc.rssBytes).toBeGreaterThan(0);
    expect(eventLoop.p99Ms).toBeGreaterThanOrEqual(0);
    expect(database.poolTotal).toBeGreaterThan(0);
    expect(queue.workers.running).toBe(true);
    expect([...queue.workers.queues].sort()).toEqual(['datasets', 'system']);
    expect(queue.queues.system).toMatchObject({ waiting: expect.any(Number) });
  });

  it('exposes Prometheus metrics with HTTP durations by route and status', async () => {
    await t.request('/api/system/health/live');
    await t.request('/api/system/queue/probe', json({ timeoutMs: 1 }));
    const response = await t.request('/api/system/metrics/prometheus');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.text).toMatch(
      /techdeck_http_request_duration_seconds_count\{method="GET",route="\/api\/system\/health\/live",status="200"\} [1-9]/,
    );
    expect(response.text).toMatch(
      /techdeck_http_request_duration_seconds_count\{method="POST",route="\/api\/system\/queue\/probe",status="400"\} [1-9]/,
    );
    expect(response.text).toContain('techdeck_process_resident_memory_bytes');
    expect(response.text).toMatch(/techdeck_queue_jobs\{queue="system",state="waiting"\} \d+/);
    expect(response.text).not.toContain('"success"');
  });
});

describe('health with Redis unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('starts, and reports degraded instead of crashing', async () => {
    const response = await t.request('/api/system/health');
    expect(response.status).toBe(200);
    expect(response.body.data.status).toBe('degraded');
    expect(response.body.data.checks.redis).toMatchObject({ status: 'down', critical: false });
    expect(response.body.data.checks.queue).toMatchObject({ status: 'down' });
    expect(response.body.data.checks.database.status).toBe('up');
  });

  it('keeps serving requests that do not need Redis', async () => {
    expect((await t.request('/api/system/health/ready')).status).toBe(200);
    expect((await t.request('/api/system/metrics')).status).toBe(200);
  });

  it('answers 503 for work that needs the queue', async () => {
    const response = await t.request('/api/system/queue/probe', json({ timeoutMs: 1000 }));
    expect(response.status).toBe(503);
    expect(response.body.error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      details: { backend: 'redis' },
    });
  });
});

describe('health with the database failing', () => {
  it('reports down with 503 and is not ready, while liveness still answers', async () => {
    const t = await startApp();
    const dataSource = t.app.get(DataSource);
    const query = jest
      .spyOn(dataSource, 'query')
      .mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    try {
      const health = await t.request('/api/system/health');
      expect(health.status).toBe(503);
      expect(health.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(health.body.error.details.status).toBe('down');
      expect(health.body.error.details.checks.database).toMatchObject({
        status: 'down',
        critical: true,
        error: 'connect ECONNREFUSED 127.0.0.1:5432',
      });
      expect((await t.request('/api/system/health/ready')).status).toBe(503);
      expect((await t.request('/api/system/health/live')).status).toBe(200);
    } finally {
      query.mockRestore();
      await t.close();
    }
  });
});
