import { randomUUID } from 'node:crypto';
import { json, REAL_SERVERS, startApp, type TestApp, tokenFor } from './support/test-app';

const asUser = (sub: string, role: 'admin' | 'user' | 'viewer' = 'admin') => ({
  as: null,
  headers: { authorization: `Bearer ${tokenFor(role, { sub })}` },
});

/** Counters of earlier runs live for a minute: each app gets keys of its own. */
const uniquePrefix = () => `${process.env.REDIS_PREFIX ?? 'techdeck-test'}-rl-${randomUUID()}`;

/** Sends n requests one after the other and returns their statuses. */
async function statuses(n: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < n; i++) result.push((await send()).status);
  return result;
}

describe(`rate limits (${REAL_SERVERS ? 'Redis' : 'in-process'} counters)`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({
      REDIS_PREFIX: uniquePrefix(),
      RATE_LIMIT_PER_MINUTE: '5',
      RATE_LIMIT_BY_ROLE: 'viewer=3,anonymous=4',
      RATE_LIMIT_EXPENSIVE_PER_MINUTE: '2',
    });
  });
  afterAll(() => t.close());

  it('answers 429 in the envelope with Retry-After once a user is over the limit', async () => {
    const results = await statuses(5, () => t.request('/api/system/metrics', asUser('ann')));
    expect(results).toEqual([200, 200, 200, 200, 200]);
    const over = await t.request('/api/system/metrics', asUser('ann'));
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      details: { limit: 5, windowSeconds: 60 },
    });
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('tells the caller the limit, what remains and when the window resets', async () => {
    const first = await t.request('/api/system/metrics', asUser('bob'));
    expect(first.headers.get('x-ratelimit-limit')).toBe('5');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
  });

  it('counts each user separately', async () => {
    await statuses(6, () => t.request('/api/system/metrics', asUser('carl')));
    expect((await t.request('/api/system/metrics', asUser('dora'))).status).toBe(200);
  });

  it('applies the limit of the role', async () => {
    // Public routes are not limited: more requests than any limit here all pass.
    const results = await statuses(7, () => t.request('/api/system/health/ready', asUser('eve')));
    expect(results).toEqual(Array(7).fill(200));
    // A viewer's own limit (3) shows on routes that need a token.
    const viewer = await statuses(4, () =>
      t.request('/api/system/metrics', asUser('fay', 'viewer')),
    );
    expect(viewer).toEqual([403, 403, 403, 429]);
  });

  it('limits callers without a valid token by IP, failed attempts included', async () => {
    const bad = { as: null, headers: { authorization: 'Bearer guess.guess.guess' } };
    const results = await statuses(5, () => t.request('/api/system/metrics', bad));
    expect(results).toEqual([401, 401, 401, 401, 429]);
  });

  it('gives expensive routes their own stricter limit per route', async () => {
    const probe = () =>
      t.request(
        '/api/system/queue/probe',
        json({ timeoutMs: 10000 }, { as: null, headers: asUser('gus').headers }),
      );
    expect(await statuses(3, probe)).toEqual([200, 200, 429]);
    // The caller's overall budget is not used up: other routes still answer.
    expect((await t.request('/api/system/metrics', asUser('gus'))).status).toBe(200);
  });
});

describe('rate limits across instances', () => {
  (REAL_SERVERS ? it : it.skip)('shares one limit between two instances on one Redis', async () => {
    const env = { REDIS_PREFIX: uniquePrefix(), RATE_LIMIT_PER_MINUTE: '5' };
    const a = await startApp(env);
    const b = await startApp(env);
    try {
      const results = [
        ...(await statuses(3, () => a.request('/api/system/metrics', asUser('hal')))),
        ...(await statuses(3, () => b.request('/api/system/metrics', asUser('hal')))),
      ];
      expect(results).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keeps limiting, per instance, while Redis is unreachable', async () => {
    const t = await startApp({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const results = await statuses(4, () => t.request('/api/system/metrics', asUser('ivy')));
      expect(results).toEqual([200, 200, 200, 429]);
    } finally {
      await t.close();
    }
  });
});
