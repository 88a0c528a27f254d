import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json, startApp, type TestApp } from './support/test-app';

const CALM = 'I had a calm week and slept better than before.';
const STEREOTYPE = 'Muslims are always violent and cannot be trusted.';
const skewed = Array.from({ length: 40 }, (_, i) => (i % 2 ? STEREOTYPE : CALM));

describe('POST /api/bias/analyze', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp({ MAX_BODY_BYTES: String(2 * 1024 * 1024) });
  });
  afterAll(() => app.close());

  const analyze = (body: unknown, as: 'user' | 'viewer' | null = 'user') =>
    app.request('/api/bias/analyze', json(body, { as }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  const metric = (report: { biasMetrics: any[] }, type: string) =>
    report.biasMetrics.find((m) => m.biasType === type);

  it('flags the type of a stereotyped dataset, with evidence by record id and never text', async () => {
    const response = await analyze({ texts: skewed });
    expect(response.status).toBe(200);
    const report = response.body.data;
    expect(report.biasMetrics).toHaveLength(8);
    expect(report.compliant).toBe(false);
    expect(report.threshold).toBe(0.7);
    const religious = metric(report, 'religious');
    expect(religious.score).toBeGreaterThan(0.7);
    expect(religious.severity).toMatch(/high|critical/);
    expect(religious.affectedGroups).toContain('muslim');
    expect((religious.recommendations as string[]).length).toBeGreaterThan(0);
    for (const type of ['gender', 'racial', 'age', 'disability'])
      expect(metric(report, type).score).toBe(0);
    expect(response.text).not.toContain('cannot be trusted');
    expect(JSON.stringify(religious.evidence)).toContain('"1"');
  });

  it('finds nothing to flag in neutral counselling text', async () => {
    const response = await analyze({ texts: [CALM, 'Work has been stressful lately.'] });
    expect(response.body.data).toMatchObject({ overallBiasScore: 0, compliant: true });
  });

  it('measures outcome disparity from group and label fields of records', async () => {
    const records = Array.from({ length: 20 }, (_, i) => ({
      note: 'I applied for the support program.',
      applicant: { gender: i < 10 ? 'Female' : 'Male' },
      approved: i < 10 ? i < 5 : i < 18,
    }));
    const response = await analyze({
      records,
      outcomes: [
        {
          biasType: 'gender',
          groupField: 'applicant.gender',
          labelField: 'approved',
          positiveLabel: true,
        },
      ],
    });
    expect(response.status).toBe(200);
    const gender = metric(response.body.data, 'gender');
    expect(gender.score).toBeGreaterThan(0.7);
    expect(gender.evidence).toMatchObject({
      outcome: { disparateImpactRatio: 0.625, statisticalParityDifference: 0.3 },
    });
    expect(gender.affectedGroups).toContain('female');
  });

  it('takes a configured threshold', async () => {
    const response = await analyze({ texts: skewed, threshold: 1 });
    expect(response.body.data).toMatchObject({ threshold: 1, compliant: true });
  });

  it.each([
    ['an empty list', { texts: [] }, 'texts'],
    ['a number among the texts', { texts: ['fine', 3] }, 'texts'],
    ['texts as a string', { texts: 'hello' }, 'texts'],
    ['neither texts nor records', {}, 'texts'],
    ['both texts and records', { texts: ['a'], records: [{ a: 'b c' }] }, 'texts'],
    ['outcomes without records', { texts: ['a'], outcomes: [] }, 'outcomes'],
    [
      'an unknown bias type in outcomes',
      { records: [{}], outcomes: [{ biasType: 'height', groupField: 'a', labelField: 'b' }] },
      'outcomes',
    ],
    ['a threshold above 1', { texts: ['a'], threshold: 1.5 }, 'threshold'],
    [
      'a reference for an unknown type',
      { texts: ['a'], reference: { height: { tall: 1 } } },
      'reference',
    ],
    [
      'a negative reference weight',
      { texts: ['a'], reference: { gender: { female: -1 } } },
      'reference',
    ],
  ])('refuses %s with a validation error naming the field', async (_label, body, field) => {
    const response = await analyze(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(JSON.stringify(response.body.error.details)).toContain(field);
  });

  it('refuses more than 5,000 texts, a text over 100,000 characters, and a body over the limit', async () => {
    expect((await analyze({ texts: Array.from({ length: 5001 }, () => 'x') })).status).toBe(400);
    expect((await analyze({ texts: ['x'.repeat(100_001)] })).status).toBe(400);
    expect((await analyze({ texts: ['y'.repeat(3 * 1024 * 1024)] })).status).toBe(413);
  });

  it('needs a user token', async () => {
    expect((await analyze({ texts: [CALM] }, null)).status).toBe(401);
    expect((await analyze({ texts: [CALM] }, 'viewer')).status).toBe(403);
  });
});

describe('POST /api/bias/analyze with an external bias service', () => {
  let service: Server;
  let app: TestApp;
  let reply: (request: IncomingMessage, response: ServerResponse) => void;
  const received: string[][] = [];

  beforeAll(async () => {
    service = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push(JSON.parse(body).texts);
        reply(request, response);
      });
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const { port } = service.address() as AddressInfo;
    app = await startApp({
      BIAS_SERVICE_URL: `http://127.0.0.1:${port}/score`,
      BIAS_SERVICE_TIMEOUT_MS: '300',
    });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => service.close(resolve));
  });

  const analyze = (texts: string[]) =>
    app.request('/api/bias/analyze', json({ texts }, { as: 'user' }));
  const answer =
    (status: number, body: unknown) => (_: IncomingMessage, response: ServerResponse) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };

  it('merges its scores (the higher one wins) and sends it texts with PII redacted', async () => {
    reply = answer(200, {
      biasMetrics: [
        { biasType: 'age', score: 0.9 },
        { biasType: 'gender', score: 0.1 },
      ],
    });
    const response = await analyze([CALM, 'Call me at 415-555-0132, my name is Maria Gonzalez.']);
    expect(response.status).toBe(200);
    const report = response.body.data;
    expect(report.external).toEqual({ status: 'merged' });
    const age = report.biasMetrics.find((m: { biasType: string }) => m.biasType === 'age');
    expect(age).toMatchObject({ score: 0.9, externalScore: 0.9, severity: 'critical' });
    expect(report.compliant).toBe(false);
    expect(received.at(-1)).toEqual([CALM, 'Call me at [PHONE_NUMBER], my name is [PERSON].']);
  });

  it('keeps the built-in analysis when the service answers nonsense', async () => {
    reply = answer(200, { biasMetrics: [{ biasType: 'age', score: 7 }] });
    const response = await analyze([CALM]);
    expect(response.body.data).toMatchObject({
      external: { status: 'invalid-response' },
      compliant: true,
    });
  });

  it('keeps the built-in analysis when the service fails or is too slow, then stops calling it', async () => {
    reply = answer(500, { error: 'down' });
    expect((await analyze([CALM])).body.data.external).toEqual({ status: 'unavailable' });
    reply = () => undefined; // never answers: the 300 ms timeout applies
    const slow = await analyze([CALM]);
    expect(slow.status).toBe(200);
    expect(slow.body.data).toMatchObject({ compliant: true });
    expect(['unavailable', 'circuit-open']).toContain(slow.body.data.external.status);
    const calls = received.length;
    const open = await analyze([CALM]);
    expect(open.body.data.external).toEqual({ status: 'circuit-open' });
    expect(received.length).toBe(calls);
  });
});
