import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { json, REAL_SERVERS, startApp, type TestApp, tokenFor } from './support/test-app';

const CANARY = 'canary-phi-8123';

describe(`audit trail (${REAL_SERVERS ? 'PostgreSQL' : 'embedded'})`, () => {
  let t: TestApp;
  let db: DataSource;
  // Each run writes to organisations of its own, so the chains start empty.
  const org = `org-${randomUUID().slice(0, 8)}`;
  const other = `org-${randomUUID().slice(0, 8)}`;
  const as = (role: 'admin' | 'user' | 'viewer', sub = `${role}-1`, inOrg = org) => ({
    as: null,
    headers: { authorization: `Bearer ${tokenFor(role, { sub, org: inOrg })}` },
  });
  const entries = (where = 'org = $1', params: unknown[] = [org]) =>
    db.query(`SELECT * FROM audit_event WHERE ${where} ORDER BY seq`, params);

  beforeAll(async () => {
    t = await startApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('records a read with actor, action, resource, outcome, request id, IP and user agent', async () => {
    const response = await t.request('/api/auth/me', {
      ...as('viewer', 'vera'),
      headers: { ...as('viewer', 'vera').headers, 'user-agent': 'techdeck-ui/1.0' },
    });
    expect(response.status).toBe(200);
    // Written before the response was sent: it is there the moment the answer arrives.
    const [entry] = await entries('request_id = $1', [response.headers.get('x-request-id')]);
    expect(entry).toMatchObject({
      org,
      actor_sub: 'vera',
      actor_role: 'viewer',
      action: 'getCurrentPrincipal',
      resource_type: 'auth',
      outcome: 200,
      client_ip: '127.0.0.1',
      user_agent: 'techdeck-ui/1.0',
    });
  });

  it('records a change (a probe job written to the database) with its outcome', async () => {
    const response = await t.request(
      '/api/system/queue/probe',
      json({ timeoutMs: 10000 }, as('admin', 'ada')),
    );
    expect(response.status).toBe(200);
    const [entry] = await entries('request_id = $1', [response.headers.get('x-request-id')]);
    expect(entry).toMatchObject({
      actor_sub: 'ada',
      actor_role: 'admin',
      action: 'probeQueue',
      resource_type: 'system',
      outcome: 200,
    });
  });

  it('records refused requests: 403 with the actor, 401 in the unauthenticated chain', async () => {
    const forbidden = await t.request('/api/system/metrics', as('user', 'uma'));
    expect(forbidden.status).toBe(403);
    const [denied] = await entries('request_id = $1', [forbidden.headers.get('x-request-id')]);
    expect(denied).toMatchObject({
      org,
      actor_sub: 'uma',
      outcome: 403,
      action: 'getSystemMetrics',
    });

    const anonymous = await t.request('/api/system/metrics', {
      as: null,
      headers: { authorization: `Bearer ${CANARY}` },
    });
    expect(anonymous.status).toBe(401);
    const [failed] = await entries('request_id = $1', [anonymous.headers.get('x-request-id')]);
    expect(failed).toMatchObject({ org: '_anonymous', actor_sub: null, outcome: 401 });
  });

  it('records the outcome of a request that fails, and never its content', async () => {
    const response = await t.request(
      `/api/system/queue/probe?note=${CANARY}`,
      json({ timeoutMs: CANARY }, as('admin', 'ada')),
    );
    expect(response.status).toBe(400);
    const [entry] = await entries('request_id = $1', [response.headers.get('x-request-id')]);
    expect(entry).toMatchObject({ action: 'probeQueue', outcome: 400, actor_sub: 'ada' });
    const everything = JSON.stringify(await db.query('SELECT * FROM audit_event'));
    expect(everything).not.toContain(CANARY);
  });

  it('keeps one unbroken chain per organisation under concurrent requests', async () => {
    const before = (await entries()).length;
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => t.request('/api/auth/me', as('viewer', `v${i}`))),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const chain = await entries();
    expect(chain).toHaveLength(before + 40);
    expect(chain.map((e: { seq: string }) => Number(e.seq))).toEqual(
      Array.from({ length: chain.length }, (_, i) => i + 1),
    );
    const verify = await t.request('/api/audit/verify', as('admin'));
    expect(verify.body.data).toMatchObject({ org, valid: true });
    expect(verify.body.data.checked).toBeGreaterThanOrEqual(before + 40);
  });

  it('lets admins list their organisation’s trail with filters and pagination, and no other', async () => {
    await t.request('/api/auth/me', as('viewer', 'someone-else', other));
    const page = await t.request('/api/audit/events?actor=vera&limit=5', as('admin'));
    expect(page.status).toBe(200);
    expect(page.body.data.length).toBeGreaterThan(0);
    expect(
      page.body.data.every((e: { actorSub: string; org: string }) => e.actorSub === 'vera'),
    ).toBe(true);
    expect(page.body.meta.pagination).toMatchObject({ page: 1, limit: 5 });

    const denied = await t.request('/api/audit/events?outcome=403', as('admin'));
    expect(denied.body.data.map((e: { outcome: number }) => e.outcome)).toEqual(
      expect.arrayContaining([403]),
    );
    expect(denied.body.data.every((e: { outcome: number }) => e.outcome === 403)).toBe(true);

    const all = await t.request('/api/audit/events?limit=100', as('admin'));
    expect(all.body.data.every((e: { org: string }) => e.org === org)).toBe(true);

    const tooMany = await t.request('/api/audit/events?limit=500', as('admin'));
    expect(tooMany.status).toBe(400);
    expect((await t.request('/api/audit/events', as('user'))).status).toBe(403);
  });

  it('shows an entry to admins of its organisation only: for others it does not exist (404)', async () => {
    const [entry] = await entries();
    const own = await t.request(`/api/audit/events/${entry.id}`, as('admin'));
    expect(own.status).toBe(200);
    expect(own.body.data).toMatchObject({ id: entry.id, org, seq: 1 });
    const foreign = await t.request(`/api/audit/events/${entry.id}`, as('admin', 'admin-9', other));
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    const malformed = await t.request('/api/audit/events/not-a-uuid', as('admin'));
    expect(malformed.status).toBe(400);
  });

  it('refuses to change or delete entries in the database itself', async () => {
    await expect(
      db.query('UPDATE audit_event SET outcome = 200 WHERE org = $1', [org]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_event WHERE org = $1', [org])).rejects.toThrow(
      /append-only/,
    );
  });

  it('reports the first tampered entry when the chain is verified', async () => {
    const chain = await entries();
    const victim = chain[Math.floor(chain.length / 2)];
    // A tamperer with superuser rights can switch triggers off; the hash chain still tells.
    await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query('UPDATE audit_event SET outcome = 200, actor_sub = $2 WHERE id = $1', [
        victim.id,
        'nobody',
      ]);
    });
    const verify = await t.request('/api/audit/verify', as('admin'));
    expect(verify.body.data).toMatchObject({
      org,
      valid: false,
      firstBreak: {
        seq: Number(victim.seq),
        id: victim.id,
        reason: 'content does not match its hash',
      },
    });
    expect(verify.body.data.checked).toBe(Number(victim.seq) - 1);
    const untouched = await t.request('/api/audit/verify', as('admin', 'admin-2', other));
    expect(untouched.body.data).toMatchObject({ org: other, valid: true });
  });
});

describe('client IP behind a proxy', () => {
  const get = (t: TestApp) =>
    t.request('/api/auth/me', { as: 'viewer', headers: { 'x-forwarded-for': '203.0.113.7' } });
  const recordedIp = async (t: TestApp, requestId: string | null) =>
    (
      await t.app
        .get(DataSource)
        .query('SELECT client_ip FROM audit_event WHERE request_id = $1', [requestId])
    )[0].client_ip;

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const direct = await startApp();
    try {
      const response = await get(direct);
      expect(await recordedIp(direct, response.headers.get('x-request-id'))).toBe('127.0.0.1');
    } finally {
      await direct.close();
    }
  });

  it('records the forwarded client IP when the proxy is trusted (TRUST_PROXY)', async () => {
    const proxied = await startApp({ TRUST_PROXY: '127.0.0.1' });
    try {
      const response = await get(proxied);
      expect(await recordedIp(proxied, response.headers.get('x-request-id'))).toBe('203.0.113.7');
    } finally {
      await proxied.close();
    }
  });
});
