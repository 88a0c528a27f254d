import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { startProcess } from './support/processes';
import {
  freshDataDir,
  json,
  startApp,
  TEST_JWT_SECRET,
  type TestApp,
  type TestRequestInit,
  tokenFor,
} from './support/test-app';

const jwt = new JwtService();
const now = () => Math.floor(Date.now() / 1000);
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = { sub: 'mallory', role: 'admin', org: 'acme' };
const without = (payload: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(payload).filter(([name]) => name !== key));
const hs256 = (payload: object, secret = TEST_JWT_SECRET) =>
  jwt.sign(payload, { secret, algorithm: 'HS256' });

function expectAuthenticationFailure(response: {
  status: number;
  headers: Headers;
  body: { error: { code: string; message: string } };
}) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
  expect(response.body.error.code).toBe('AUTHENTICATION_FAILED');
}

describe('authentication with HS256', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'techdeck' });
  });
  afterAll(() => t.close());

  const good = () => ({
    ...claims,
    iss: 'https://idp.example',
    aud: 'techdeck',
    iat: now(),
    exp: now() + 600,
  });
  const metrics = (authorization?: string) =>
    t.request('/api/system/metrics', {
      as: null,
      headers: authorization ? { authorization } : {},
    });

  it('accepts a valid token', async () => {
    expect((await metrics(`Bearer ${hs256(good())}`)).status).toBe(200);
  });

  it.each<[string, () => string | undefined, string]>([
    ['no Authorization header', () => undefined, 'A bearer token is required'],
    [
      'another scheme',
      () => `Basic ${Buffer.from('a:b').toString('base64')}`,
      'A bearer token is required',
    ],
    ['a malformed token', () => 'Bearer not.a.jwt', 'Malformed token'],
    [
      'a wrong signature',
      () => `Bearer ${hs256(good(), 'wrong-secret-wrong-secret-wrong-secret-00')}`,
      'Token signature is invalid',
    ],
    [
      'alg none',
      () => `Bearer ${part({ alg: 'none', typ: 'JWT' })}.${part(good())}.`,
      'Tokens signed with none are not accepted',
    ],
    [
      'an expired token',
      () => `Bearer ${hs256({ ...good(), exp: now() - 120 })}`,
      'Token has expired',
    ],
    [
      'a token not valid yet (nbf)',
      () => `Bearer ${hs256({ ...good(), nbf: now() + 600 })}`,
      'Token is not valid yet (nbf)',
    ],
    [
      'a token issued in the future (iat)',
      () => `Bearer ${hs256({ ...good(), iat: now() + 600 })}`,
      'Token is issued in the future (iat)',
    ],
    [
      'a token without exp',
      () => `Bearer ${hs256(without(good(), 'exp'))}`,
      'Token has no expiry (exp)',
    ],
    [
      'an unknown role',
      () => `Bearer ${hs256({ ...good(), role: 'root' })}`,
      'Token has no known role',
    ],
    [
      'a wrong issuer',
      () => `Bearer ${hs256({ ...good(), iss: 'https://evil.example' })}`,
      'Token issuer is not accepted',
    ],
    [
      'a wrong audience',
      () => `Bearer ${hs256({ ...good(), aud: 'someone-else' })}`,
      'Token audience is not accepted',
    ],
  ])('answers 401 to %s', async (_label, header, message) => {
    const response = await metrics(header());
    expectAuthenticationFailure(response);
    expect(response.body.error.message).toBe(message);
  });
});

describe('roles on every route', () => {
  let t: TestApp;
  const METRICS_TOKEN = 'scraper-token-0123456789-0123456789-0123';
  beforeAll(async () => {
    t = await startApp({ METRICS_TOKEN });
  });
  afterAll(() => t.close());

  type Caller = 'anonymous' | 'viewer' | 'user' | 'admin';
  const routes: [string, string, TestRequestInit, Record<Caller, number>][] = [
    ['GET', '/api/system/health', {}, { anonymous: 200, viewer: 200, user: 200, admin: 200 }],
    ['GET', '/api/system/health/live', {}, { anonymous: 200, viewer: 200, user: 200, admin: 200 }],
    ['GET', '/api/system/health/ready', {}, { anonymous: 200, viewer: 200, user: 200, admin: 200 }],
    ['GET', '/api/system/metrics', {}, { anonymous: 401, viewer: 403, user: 403, admin: 200 }],
    [
      'GET',
      '/api/system/metrics/prometheus',
      {},
      { anonymous: 401, viewer: 403, user: 403, admin: 200 },
    ],
    [
      'POST',
      '/api/system/queue/probe',
      json({ timeoutMs: 10000 }),
      { anonymous: 401, viewer: 403, user: 403, admin: 200 },
    ],
    ['GET', '/api/auth/me', {}, { anonymous: 401, viewer: 200, user: 200, admin: 200 }],
    ['GET', '/api/audit/events', {}, { anonymous: 401, viewer: 403, user: 403, admin: 200 }],
    ['GET', '/api/audit/verify', {}, { anonymous: 401, viewer: 403, user: 403, admin: 200 }],
    [
      'GET',
      `/api/audit/events/${randomUUID()}`,
      {},
      { anonymous: 401, viewer: 403, user: 403, admin: 404 },
    ],
    ['GET', '/api/docs', {}, { anonymous: 200, viewer: 200, user: 200, admin: 200 }],
    ['GET', '/api/openapi.json', {}, { anonymous: 200, viewer: 200, user: 200, admin: 200 }],
  ];
  const cases = routes.flatMap(([method, path, init, expected]) =>
    (Object.keys(expected) as Caller[]).map(
      (caller) => [method, path, caller, expected[caller], init] as const,
    ),
  );

  it.each(cases)('%s %s as %s → %d', async (method, path, caller, status, init) => {
    const response = await t.request(path, {
      ...init,
      method,
      as: caller === 'anonymous' ? null : caller,
    });
    expect(response.status).toBe(status);
    if (status === 403) expect(response.body.error.code).toBe('AUTHORIZATION_FAILED');
  });

  it('lets a scraper read Prometheus metrics with METRICS_TOKEN, and nothing else', async () => {
    const headers = { authorization: `Bearer ${METRICS_TOKEN}` };
    const scrape = await t.request('/api/system/metrics/prometheus', { as: null, headers });
    expect(scrape.status).toBe(200);
    const json = await t.request('/api/system/metrics', { as: null, headers });
    expectAuthenticationFailure(json);
  });

  it('documents bearer security and 401/403 on every operation that is not public', async () => {
    const document = (await t.request('/api/openapi.json', { as: null })).body;
    const publicPaths = [
      '/api/system/health',
      '/api/system/health/live',
      '/api/system/health/ready',
    ];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations as Record<string, never>)) {
        const op = operation as { security?: object[]; responses: Record<string, unknown> };
        if (publicPaths.includes(path)) {
          expect([method, path, op.security]).toEqual([method, path, undefined]);
          continue;
        }
        expect([method, path, op.security]).toEqual([method, path, [{ bearer: [] }]]);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
  });
});

describe('authentication with a JWKS (RS256 and ES256)', () => {
  let jwks: Server;
  let t: TestApp;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = (key: KeyObject, kid: string, alg: string) => ({
    ...key.export({ format: 'jwk' }),
    kid,
    alg,
    use: 'sig',
  });

  beforeAll(async () => {
    const body = JSON.stringify({
      keys: [jwk(rsa.publicKey, 'rsa-1', 'RS256'), jwk(ec.publicKey, 'ec-1', 'ES256')],
    });
    jwks = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(body));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await startApp({
      JWT_SECRET: '',
      JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const call = (token: string) =>
    t.request('/api/system/metrics', { as: null, headers: { authorization: `Bearer ${token}` } });
  const payload = () => ({ ...claims, iat: now(), exp: now() + 600 });

  it('accepts RS256 and ES256 tokens signed by keys of the JWKS', async () => {
    const rs = jwt.sign(payload(), {
      privateKey: rsa.privateKey,
      algorithm: 'RS256',
      keyid: 'rsa-1',
    });
    const es = jwt.sign(payload(), {
      privateKey: ec.privateKey,
      algorithm: 'ES256',
      keyid: 'ec-1',
    });
    expect((await call(rs)).status).toBe(200);
    expect((await call(es)).status).toBe(200);
  });

  it('rejects a token signed by a key that is not in the JWKS', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = jwt.sign(payload(), {
      privateKey: stranger.privateKey,
      algorithm: 'RS256',
      keyid: 'rsa-9',
    });
    expectAuthenticationFailure(await call(token));
  });

  it('rejects an HS256 token signed with the public key (algorithm confusion)', async () => {
    const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const response = await call(hs256(payload(), publicPem));
    expectAuthenticationFailure(response);
    expect(response.body.error.message).toBe('Tokens signed with HS256 are not accepted');
  });
});

describe('npm run token', () => {
  it('prints a token the service accepts, signed with the development secret in DATA_DIR', async () => {
    const dataDir = freshDataDir();
    const command = startProcess('token', { DATA_DIR: dataDir }, [
      ...['--sub', 'alice', '--role', 'admin', '--org', 'acme', '--ttl', '10m'],
    ]);
    expect((await command.exited).code).toBe(0);
    const token = command.output().trim();
    expect(jwt.decode(token)).toMatchObject({ sub: 'alice', role: 'admin', org: 'acme' });

    const t = await startApp({ DATA_DIR: dataDir, JWT_SECRET: '' });
    try {
      const response = await t.request('/api/system/metrics', {
        as: null,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      // A token signed with another secret (the test suite's) is refused by that service.
      const foreign = await t.request('/api/system/metrics', {
        as: null,
        headers: { authorization: `Bearer ${tokenFor('admin')}` },
      });
      expectAuthenticationFailure(foreign);
    } finally {
      await t.close();
    }
  });

  it('refuses in production', async () => {
    const command = startProcess(
      'token',
      {
        DATA_DIR: freshDataDir(),
        NODE_ENV: 'production',
        JWT_SECRET: 'p'.repeat(40),
        ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
        CORS_ORIGINS: 'https://techdeck.example',
        PII_HASH_SECRET: 'h'.repeat(40),
      },
      ['--sub', 'alice'],
    );
    expect((await command.exited).code).toBe(1);
    expect(command.output()).toContain('refuses to sign tokens in production');
  });
});
