import { json, startApp, type TestApp, tokenFor } from './support/test-app';

describe('privacy endpoints', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp({ MAX_BODY_BYTES: String(4 * 1024 * 1024) });
  });
  afterAll(() => app.close());

  const post = (path: string, body: unknown, as: 'user' | 'viewer' | null = 'user') =>
    app.request(`/api/privacy/${path}`, json(body, { as }));

  const NOTE =
    'My name is Maria Gonzalez, SSN 123-45-6789, email maria.g@example.com, call 415-555-0132.';

  describe('POST /api/privacy/scan', () => {
    it('answers one result per text, in order, with offsets into each text', async () => {
      const response = await post('scan', { texts: [NOTE, 'I slept badly this week.'] });
      expect(response.status).toBe(200);
      const { results, stats } = response.body.data;
      expect(results).toHaveLength(2);
      const found = results[0].findings.map(
        (f: { entityType: string; start: number; end: number }) => [
          f.entityType,
          NOTE.slice(f.start, f.end),
        ],
      );
      expect(found).toEqual([
        ['PERSON', 'Maria Gonzalez'],
        ['US_SSN', '123-45-6789'],
        ['EMAIL_ADDRESS', 'maria.g@example.com'],
        ['PHONE_NUMBER', '415-555-0132'],
      ]);
      expect(results[1].findings).toEqual([]);
      expect(stats).toMatchObject({ texts: 2, withFindings: 1, findings: 4 });
    });

    it('scans a large request (in worker threads) with every result in its place', async () => {
      const texts = Array.from(
        { length: 3000 },
        (_, i) =>
          `Week ${i}: the panic attacks are less frequent now. Write to me at c${i}@example.org`,
      );
      const response = await post('scan', { texts });
      expect(response.status).toBe(200);
      const results = response.body.data.results;
      expect(results).toHaveLength(3000);
      results.forEach(
        (result: { findings: { entityType: string; start: number; end: number }[] }, i: number) => {
          const email = result.findings.find((f) => f.entityType === 'EMAIL_ADDRESS');
          expect(email && texts[i].slice(email.start, email.end)).toBe(`c${i}@example.org`);
        },
      );
    });

    it('drops a card number that fails its checksum and keeps one that passes', async () => {
      const response = await post('scan', {
        texts: ['card 4111 1111 1111 1111', 'card 4111 1111 1111 1112'],
      });
      const [valid, invalid] = response.body.data.results;
      expect(valid.findings).toEqual([
        expect.objectContaining({ entityType: 'CREDIT_CARD', score: 1, recognizer: 'credit-card' }),
      ]);
      expect(invalid.findings).toEqual([]);
    });

    it('uses column names in records: a `patient_name` field is PHI as a whole', async () => {
      const response = await post('scan', {
        records: [{ patient_name: 'zz top', mrn: 'A-77', note: 'Feeling better today.' }],
      });
      expect(response.status).toBe(200);
      const findings = response.body.data.results[0].findings;
      expect(findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field: 'patient_name',
            entityType: 'PERSON',
            recognizer: 'column-name',
          }),
          expect.objectContaining({ field: 'mrn', entityType: 'MEDICAL_RECORD_NUMBER' }),
        ]),
      );
      expect(findings.some((f: { field: string }) => f.field === 'note')).toBe(false);
    });

    it('reports only the entity types asked for', async () => {
      const response = await post('scan', { texts: [NOTE], entities: ['EMAIL_ADDRESS'] });
      expect(
        response.body.data.results[0].findings.map((f: { entityType: string }) => f.entityType),
      ).toEqual(['EMAIL_ADDRESS']);
    });

    it.each([
      ['an empty list', { texts: [] }, 'texts'],
      ['a number among the texts', { texts: ['ok', 7] }, 'texts'],
      ['neither texts nor records', {}, 'texts'],
      ['both texts and records', { texts: ['a'], records: [{ a: 'b' }] }, 'texts'],
      ['an unknown entity type', { texts: ['a'], entities: ['SHOE_SIZE'] }, 'entities'],
      ['a score above 1', { texts: ['a'], minScore: 2 }, 'minScore'],
      ['a record that is not an object', { records: ['text'] }, 'records'],
    ])('refuses %s with a validation error naming the field', async (_label, body, field) => {
      const response = await post('scan', body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('refuses more than 5,000 texts and a text over 100,000 characters', async () => {
      const many = await post('scan', { texts: Array.from({ length: 5001 }, () => 'x') });
      expect(many.status).toBe(400);
      const long = await post('scan', { texts: ['x'.repeat(100_001)] });
      expect(long.status).toBe(400);
    });

    it('refuses a body over MAX_BODY_BYTES with 413', async () => {
      const response = await post('scan', { texts: ['y'.repeat(5 * 1024 * 1024)] });
      expect(response.status).toBe(413);
    });

    it('needs a user token', async () => {
      expect((await post('scan', { texts: ['a'] }, null)).status).toBe(401);
      expect((await post('scan', { texts: ['a'] }, 'viewer')).status).toBe(403);
    });
  });

  describe('POST /api/privacy/redact', () => {
    it('replaces findings by their type, or masks them', async () => {
      const redacted = await post('redact', { texts: [NOTE], action: 'redact' });
      expect(redacted.status).toBe(200);
      expect(redacted.body.data.results[0].text).toBe(
        'My name is [PERSON], SSN [US_SSN], email [EMAIL_ADDRESS], call [PHONE_NUMBER].',
      );
      const masked = await post('redact', { texts: ['SSN 123-45-6789.'], action: 'mask' });
      expect(masked.body.data.results[0].text).toBe('SSN ***********.');
    });

    it('hashes to tokens that are stable within an organisation and differ between them', async () => {
      const body = {
        texts: ['Ask Maria Gonzalez.', 'Later, Maria  GONZALEZ called.'],
        action: 'hash',
      };
      const acme = await post('redact', body);
      const [first, second] = acme.body.data.results.map((r: { text: string }) => r.text);
      const token = /\[PERSON:[0-9a-f]{16}\]/.exec(first)?.[0];
      expect(token).toBeDefined();
      expect(second).toContain(token);
      expect(first).not.toContain('Maria');
      const other = await app.request(
        '/api/privacy/redact',
        json(body, { headers: { authorization: `Bearer ${tokenFor('user', { org: 'globex' })}` } }),
      );
      expect(other.status).toBe(200);
      expect(other.body.data.results[0].text).not.toContain(token);
    });

    it('redacts the scanned fields of records and leaves the rest', async () => {
      const response = await post('redact', {
        records: [{ id: 7, text: 'Email me at a.b@example.org', meta: { phone: '415-555-0132' } }],
        action: 'redact',
      });
      expect(response.body.data.results[0].record).toEqual({
        id: 7,
        text: 'Email me at [EMAIL_ADDRESS]',
        meta: { phone: '[PHONE_NUMBER]' },
      });
    });

    it('redacts keys with dots, numbers in PHI columns, and a whole address with its town and ZIP', async () => {
      const response = await post('redact', {
        records: [
          {
            'note.text': 'My SSN is 123-45-6789 ok',
            note: { text: 'Hello there, how are you doing today?' },
            ssn: 123456789,
            visits: 3,
            home: 'I live at 123 Main St, Springfield, IL 62704.',
          },
        ],
        action: 'redact',
      });
      expect(response.status).toBe(200);
      expect(response.body.data.results[0].record).toEqual({
        'note.text': 'My SSN is [US_SSN] ok',
        note: { text: 'Hello there, how are you doing today?' },
        ssn: '[US_SSN]',
        visits: 3,
        home: 'I live at [STREET_ADDRESS].',
      });
      expect(response.body.data.results[0].findings.map((f: { field: string }) => f.field)).toEqual(
        ['note\\.text', 'ssn', 'home'],
      );
    });

    it('refuses a record nested too deep or with a field over 100,000 characters, naming it', async () => {
      let deep: Record<string, unknown> = { note: 'My SSN is 123-45-6789' };
      for (let i = 0; i < 40; i++) deep = { inner: deep };
      const tooDeep = await post('redact', { records: [{ ok: 'fine' }, deep], action: 'redact' });
      expect(tooDeep.status).toBe(400);
      expect(tooDeep.body.error.message).toContain('Record 1');
      const tooLong = await post('scan', { records: [{ note: 'x'.repeat(100_001) }] });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.details[0].field).toBe('records.0.note');
    });

    it('refuses an unknown action', async () => {
      const response = await post('redact', { texts: ['a'], action: 'shred' });
      expect(response.status).toBe(400);
      expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(
        'action',
      );
    });
  });
});
