import { json, startApp, type TestApp } from './support/test-app';

const good = {
  messages: [
    { role: 'user', content: 'I have been feeling anxious every morning before work.' },
    {
      role: 'assistant',
      content: 'That sounds exhausting. What do you notice in your body when it starts?',
    },
  ],
};

describe('validation endpoints', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  const execute = (body: unknown, as: 'admin' | 'user' | 'viewer' | null = 'user') =>
    app.request('/api/validation/execute', json(body, { method: 'POST', as }));

  it('reports errors by record, field and code, with a quality score', async () => {
    const response = await execute({
      records: [
        good,
        {
          messages: [
            { role: 'user', content: 'hello?' },
            { role: 'user', content: 'anyone?' },
          ],
        },
        good,
        {},
        {
          prompt: 'Lost bytes \uFFFD here',
          response: 'Let us go through it step by step together.',
        },
      ],
    });
    expect(response.status).toBe(200);
    const report = response.body.data;
    expect(report.valid).toBe(false);
    expect(report.stats).toMatchObject({ records: 5, validRecords: 1, invalidRecords: 4 });
    expect(report.stats.errorsByCode).toMatchObject({
      'role-order': 2,
      'duplicate-conversation': 1,
      'blank-row': 1,
      'encoding-error': 1,
    });
    expect(report.errors).toContainEqual(
      expect.objectContaining({
        index: 1,
        row: 2,
        code: 'role-order',
        field: 'messages[1].role',
        value: 'user',
      }),
    );
    expect(report.errors).toContainEqual(
      expect.objectContaining({
        index: 2,
        code: 'duplicate-conversation',
        message: 'duplicate of record 0',
      }),
    );
    expect(report.quality.level).toMatch(/excellent|good|acceptable|needs_improvement|poor/);
    expect(report.quality.conversations[0]).toMatchObject({ index: 0, level: 'excellent' });
    expect(
      report.quality.conversations.find((c: { index: number }) => c.index === 2).parts.duplicates,
    ).toBe(0);
  });

  it('checks records against a format’s JSON Schema when asked', async () => {
    const response = await execute({
      records: [
        {
          messages: [
            { role: 'user', content: 'hi there' },
            { role: 'assistant', content: 'hello, how are you?' },
          ],
          extra: 1,
        },
      ],
      schemaFormat: 'canonical',
      checks: ['schema'],
    });
    expect(response.status).toBe(200);
    const codes = response.body.data.errors.map(
      (e: { code: string; field?: string }) => `${e.code}:${e.field}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining(['missing-field:conversationId', 'extra-field:extra']),
    );
    expect(response.body.data.quality).toBeUndefined();
  });

  it('caps the error list and counts the rest', async () => {
    const response = await execute({
      records: Array.from({ length: 30 }, () => ({})),
      maxErrors: 5,
    });
    expect(response.body.data.errors).toHaveLength(5);
    expect(response.body.data.errorsOmitted).toBe(25);
  });

  it('lists PII findings in the messages by place and type, never by text', async () => {
    const phi = {
      messages: [
        { role: 'user', content: 'My SSN is 123-45-6789 and my email is sam.lee@example.com.' },
        { role: 'assistant', content: 'Thank you. Please do not share those details here.' },
      ],
    };
    const response = await execute({ records: [good, phi] });
    expect(response.status).toBe(200);
    const { pii } = response.body.data;
    expect(pii).toMatchObject({
      conversations: 1,
      findings: 2,
      byType: { US_SSN: 1, EMAIL_ADDRESS: 1 },
      examplesOmitted: 0,
    });
    expect(pii.examples).toEqual([
      expect.objectContaining({
        index: 1,
        row: 2,
        field: 'messages[0].content',
        entityType: 'US_SSN',
        start: 10,
        end: 21,
      }),
      expect.objectContaining({
        index: 1,
        field: 'messages[0].content',
        entityType: 'EMAIL_ADDRESS',
      }),
    ]);
    expect(response.text).not.toContain('123-45-6789');
    const without = await execute({ records: [phi], checks: ['schema', 'quality'] });
    expect(without.body.data.pii).toBeUndefined();
  });

  it('adds the bias report when asked for it', async () => {
    const stereotyped = {
      messages: [
        { role: 'user', content: 'Old people are useless and slow, all of them.' },
        {
          role: 'assistant',
          content: 'That is a broad claim. What happened that made you feel this?',
        },
      ],
    };
    const asked = await execute({ records: [good, stereotyped, stereotyped], checks: ['bias'] });
    expect(asked.status).toBe(200);
    const age = asked.body.data.bias.biasMetrics.find(
      (m: { biasType: string }) => m.biasType === 'age',
    );
    expect(age.score).toBeGreaterThan(0);
    expect(age.evidence.exampleRecordIds.generalisations).toContain('1');
    expect((await execute({ records: [good] })).body.data.bias).toBeUndefined();
  });

  it.each([
    ['records missing', {}],
    ['records not an array', { records: 'x' }],
    ['an unknown check', { records: [good], checks: ['spelling'] }],
    ['an unknown schema format', { records: [good], schemaFormat: 'dolly' }],
    ['maxErrors out of range', { records: [good], maxErrors: 0 }],
    [
      'a per-turn column mapping',
      { records: [good], columnMapping: { conversationId: 'a', role: 'b', content: 'c' } },
    ],
  ])('answers 400 for %s', async (_label, body) => {
    const response = await execute(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('answers 413 above 5,000 records', async () => {
    expect((await execute({ records: Array.from({ length: 5001 }, () => good) })).status).toBe(413);
  });

  it('is for users and admins; viewers may read schemas', async () => {
    expect((await execute({ records: [good] }, 'viewer')).status).toBe(403);
    expect((await execute({ records: [good] }, null)).status).toBe(401);
    expect((await app.request('/api/validation/schema/sharegpt', { as: 'viewer' })).status).toBe(
      200,
    );
  });

  it.each(['canonical', 'chatml', 'sharegpt', 'alpaca', 'input_output', 'prompt_response'])(
    'serves the JSON Schema of %s',
    async (format) => {
      const response = await app.request(`/api/validation/schema/${format}`, { as: 'viewer' });
      expect(response.status).toBe(200);
      expect(response.body.data.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(response.body.data.type).toBe('object');
    },
  );

  it('answers 404 for an unknown format, listing the known ones', async () => {
    const response = await app.request('/api/validation/schema/dolly', { as: 'viewer' });
    expect(response.status).toBe(404);
    expect(response.body.error.details.knownFormats).toEqual([
      'canonical',
      'chatml',
      'sharegpt',
      'alpaca',
      'input_output',
      'prompt_response',
    ]);
    expect((await app.request('/api/validation/schema/__proto__', { as: 'viewer' })).status).toBe(
      404,
    );
  });
});
