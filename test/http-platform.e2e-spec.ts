import { Controller, Get, Module, Query } from '@nestjs/common';
import { json, startApp, type TestApp } from './support/test-app';

const CANARY = 'canary-phi-4711';

/** Routes that exist only in this suite, to drive the global filter with real failures. */
@Controller('test-only')
class FailingController {
  @Get('crash')
  crash(@Query('q') query: string): never {
    throw new Error(`database said: value ${query} violates something`);
  }
}

@Module({ controllers: [FailingController] })
class FailingModule {}

const ERROR_KEYS = ['code', 'message', 'requestId', 'timestamp'];

function expectErrorEnvelope(
  response: { status: number; headers: Headers; body: { success: boolean; error: object } },
  status: number,
  code: string,
) {
  expect(response.status).toBe(status);
  expect(response.body.success).toBe(false);
  expect(response.body.error).toMatchObject({ code });
  expect(Object.keys(response.body.error)).toEqual(expect.arrayContaining(ERROR_KEYS));
  expect(response.body.error).toHaveProperty('requestId', response.headers.get('x-request-id'));
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

describe('HTTP platform', () => {
  let t: TestApp;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await startApp(
      { LOG_LEVEL: 'info', MAX_BODY_BYTES: '4096' },
      { imports: [FailingModule], logDestination: { write: (line: string) => logs.push(line) } },
    );
  });
  afterAll(() => t.close());

  describe('success envelope', () => {
    it('wraps data with meta.requestId and meta.timestamp', async () => {
      const response = await t.request('/api/system/health/live');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        success: true,
        data: { status: 'ok', uptimeSeconds: expect.any(Number) },
        meta: { requestId: response.headers.get('x-request-id'), timestamp: expect.any(String) },
      });
      expect(new Date(response.body.meta.timestamp).getTime()).not.toBeNaN();
    });
  });

  describe('error envelope for each kind of error', () => {
    it('unknown route: 404 NOT_FOUND', async () => {
      expectErrorEnvelope(await t.request('/api/no-such-thing'), 404, 'NOT_FOUND');
    });

    it('unknown method on a known path: 404 NOT_FOUND', async () => {
      expectErrorEnvelope(
        await t.request('/api/system/health', { method: 'DELETE' }),
        404,
        'NOT_FOUND',
      );
    });

    it('malformed JSON: 400 VALIDATION_ERROR', async () => {
      const response = await t.request('/api/system/queue/probe', json('{"timeoutMs": 5'));
      expectErrorEnvelope(response, 400, 'VALIDATION_ERROR');
      expect(response.body.error.message).toMatch(/JSON/);
    });

    it('empty JSON body: 400 VALIDATION_ERROR', async () => {
      expectErrorEnvelope(
        await t.request('/api/system/queue/probe', json('')),
        400,
        'VALIDATION_ERROR',
      );
    });

    it('wrong types and unknown fields: 400 with each field named in details', async () => {
      const response = await t.request(
        '/api/system/queue/probe',
        json({ timeoutMs: 'soon', extra: true }),
      );
      expectErrorEnvelope(response, 400, 'VALIDATION_ERROR');
      const fields = response.body.error.details.map((d: { field: string }) => d.field).sort();
      expect(fields).toEqual(['extra', 'timeoutMs']);
    });

    it('out-of-range value: 400 VALIDATION_ERROR', async () => {
      const response = await t.request('/api/system/queue/probe', json({ timeoutMs: 10 }));
      expectErrorEnvelope(response, 400, 'VALIDATION_ERROR');
      expect(response.body.error.details[0].messages[0]).toContain('timeoutMs');
    });

    it('body over MAX_BODY_BYTES: 413 PAYLOAD_TOO_LARGE', async () => {
      const response = await t.request(
        '/api/system/queue/probe',
        json({ timeoutMs: 1000, padding: 'x'.repeat(8000) }),
      );
      expectErrorEnvelope(response, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('unsupported content type: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const response = await t.request('/api/system/queue/probe', {
        method: 'POST',
        headers: { 'content-type': 'application/xml' },
        body: '<probe/>',
      });
      expectErrorEnvelope(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('unexpected exception: 500 INTERNAL_ERROR without the message or a stack trace', async () => {
      const response = await t.request(`/api/test-only/crash?q=${CANARY}`);
      expectErrorEnvelope(response, 500, 'INTERNAL_ERROR');
      expect(response.body.error.message).toBe('An unexpected error occurred');
      expect(response.text).not.toContain(CANARY);
      expect(response.text).not.toContain('database said');
    });
  });

  describe('request ids', () => {
    it('generates a fresh id for every response', async () => {
      const [a, b] = await Promise.all([
        t.request('/api/system/health/live'),
        t.request('/api/system/health/live'),
      ]);
      expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    });

    it("keeps the caller's id so traces join up", async () => {
      const response = await t.request('/api/no-such-thing', {
        headers: { 'x-request-id': 'frontend-trace.42' },
      });
      expect(response.headers.get('x-request-id')).toBe('frontend-trace.42');
      expect(response.body.error.requestId).toBe('frontend-trace.42');
    });

    it('replaces a caller id that is not a plain token', async () => {
      const response = await t.request('/api/system/health/live', {
        headers: { 'x-request-id': 'x'.repeat(300) },
      });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('sends security headers', async () => {
    const response = await t.request('/api/system/health/live');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('sends no CORS headers when CORS_ORIGINS is empty', async () => {
    const response = await t.request('/api/system/health/live', {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('logs', () => {
    it('record request id, route, status and latency, and never credentials, bodies or queries', async () => {
      const response = await t.request(`/api/system/queue/probe?search=${CANARY}-query`, {
        ...json({ timeoutMs: 'x', note: `${CANARY}-body` }),
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${CANARY}-token`,
          cookie: `session=${CANARY}-cookie`,
        },
      });
      await t.request(`/api/test-only/crash?q=${CANARY}-crash`);
      const requestId = response.headers.get('x-request-id');
      const line = logs.map((l) => JSON.parse(l)).find((l) => l.req?.id === requestId);
      expect(line).toMatchObject({
        requestId,
        route: '/api/system/queue/probe',
        // The canary is no valid token.
        status: 401,
        latencyMs: expect.any(Number),
        req: { method: 'POST', path: '/api/system/queue/probe' },
      });
      const all = logs.join('\n');
      expect(all).not.toContain(CANARY);
      expect(all.toLowerCase()).not.toContain('authorization');
    });
  });
});

describe('CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ CORS_ORIGINS: 'https://techdeck.example' });
  });
  afterAll(() => t.close());

  it('allows a listed origin and exposes X-Request-Id to it', async () => {
    const response = await t.request('/api/system/health/live', {
      headers: { origin: 'https://techdeck.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://techdeck.example');
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('answers a preflight from a listed origin', async () => {
    const response = await t.request('/api/system/queue/probe', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://techdeck.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('does not allow an unlisted origin', async () => {
    const response = await t.request('/api/system/health/live', {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
