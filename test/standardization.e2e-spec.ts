import { json, startApp, type TestApp } from './support/test-app';

describe('POST /api/standardization/execute', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp({ MAX_BODY_BYTES: String(2 * 1024 * 1024) });
  });
  afterAll(() => app.close());

  const execute = (body: unknown, as: 'admin' | 'user' | 'viewer' | null = 'user') =>
    app.request('/api/standardization/execute', json(body, { method: 'POST', as }));

  it('converts mixed records to canonical conversations in input order, with errors by index', async () => {
    const response = await execute({
      records: [
        {
          conversations: [
            { from: 'human', value: 'I feel stuck.' },
            { from: 'gpt', value: 'Stuck how?' },
          ],
        },
        { note: 'not a conversation' },
        {
          questionTitle: 'Sleep',
          questionText: 'I wake at 3am.',
          answerText: 'Let us look at your evenings.',
        },
        42,
      ],
    });
    expect(response.status).toBe(200);
    const { records, errors, stats } = response.body.data;
    expect(records).toHaveLength(2);
    expect(records[0].messages).toEqual([
      { role: 'user', content: 'I feel stuck.' },
      { role: 'assistant', content: 'Stuck how?' },
    ]);
    expect(records[1].messages[0]).toEqual({ role: 'user', content: 'Sleep\n\nI wake at 3am.' });
    expect(errors).toEqual([
      expect.objectContaining({ index: 1, code: 'unknown-template' }),
      expect.objectContaining({ index: 3, code: 'type-error' }),
    ]);
    expect(stats).toMatchObject({
      converted: 2,
      failed: 2,
      templates: { sharegpt: 1, question_answer: 1 },
    });
  });

  it('writes the requested target format and says what moved to metadata', async () => {
    const response = await execute({
      records: [{ prompt: 'I am nervous about therapy.', response: 'That is very common.' }],
      targetFormat: 'sharegpt',
    });
    expect(response.status).toBe(200);
    expect(response.body.data.records[0].conversations).toEqual([
      { from: 'human', value: 'I am nervous about therapy.' },
      { from: 'gpt', value: 'That is very common.' },
    ]);
    expect(response.body.data.warnings[0]).toMatchObject({ index: 0, code: 'moved-to-metadata' });
  });

  it('uses a column mapping and a role map', async () => {
    const response = await execute({
      records: [
        { sid: 'a', n: 2, who: 'coach', said: 'What helped last time?' },
        { sid: 'a', n: 1, who: 'mentee', said: 'I relapsed.' },
      ],
      columnMapping: { conversationId: 'sid', role: 'who', content: 'said', turn: 'n' },
      roleMap: { coach: 'assistant', mentee: 'user' },
    });
    expect(response.status).toBe(200);
    expect(response.body.data.records[0]).toMatchObject({
      conversationId: 'a',
      messages: [
        { role: 'user', content: 'I relapsed.' },
        { role: 'assistant', content: 'What helped last time?' },
      ],
    });
    expect(response.body.data.stats.detectedTemplate).toBe('multi_row');
  });

  it('refuses an unknown template, listing the known ones', async () => {
    const response = await execute({ records: [{ a: 1 }], sourceFormat: 'dolly' });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].field).toBe('sourceFormat');
    expect(response.body.error.details[0].messages[0]).toContain('sharegpt');
  });

  it.each([
    ['records missing', {}],
    ['records not an array', { records: { prompt: 'x' } }],
    ['records empty', { records: [] }],
    ['a bad target', { records: [{ prompt: 'a', response: 'b' }], targetFormat: 'xml' }],
    ['an unknown field', { records: [{ prompt: 'a', response: 'b' }], extra: true }],
    [
      'a role map to an unknown role',
      { records: [{ prompt: 'a', response: 'b' }], roleMap: { coach: 'boss' } },
    ],
  ])('answers 400 for %s', async (_label, body) => {
    const response = await execute(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('answers 413 above 5,000 records', async () => {
    const response = await execute({
      records: Array.from({ length: 5001 }, () => ({ prompt: 'a', response: 'b' })),
    });
    expect(response.status).toBe(413);
    expect(response.body.error.message).toContain('5000');
  });

  it('is for users and admins, not viewers or anonymous callers', async () => {
    const body = { records: [{ prompt: 'a', response: 'b' }] };
    expect((await execute(body, 'viewer')).status).toBe(403);
    expect((await execute(body, null)).status).toBe(401);
    expect((await execute(body, 'admin')).status).toBe(200);
  });
});
