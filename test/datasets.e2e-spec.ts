import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { syntheticRows } from '../scripts/fixtures/synthetic-conversations';
import type { ColumnShape, DatasetFormat, Row } from '../src/modules/datasets/formats/format';
import { download, fileOf, profiled, storedObjects, upload, uploadReady } from './support/datasets';
import { startApp, type TestApp, tokenFor } from './support/test-app';

const COUNSEL_CHAT = readFileSync(join(__dirname, '../fixtures/conversations/counsel-chat.csv'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const chatRows = [...syntheticRows({ rows: 300, template: 'chatml', seed: 7 })];
const chatColumns: ColumnShape[] = [
  { name: 'id', type: 'string' },
  { name: 'messages', type: 'array' },
];
const qaRows = [...syntheticRows({ rows: 300, template: 'question_answer', seed: 8 })];
const qaColumns: ColumnShape[] = [
  { name: 'questionId', type: 'integer' },
  { name: 'questionText', type: 'string' },
  { name: 'answerText', type: 'string' },
  { name: 'upvotes', type: 'integer' },
];

async function datasetRows(app: TestApp): Promise<number> {
  return app.app
    .get(DataSource)
    .query('SELECT count(*)::int AS n FROM dataset')
    .then((r) => r[0].n);
}

describe('datasets', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  describe('upload and download', () => {
    const cases: [DatasetFormat, string, Row[], ColumnShape[]][] = [
      ['jsonl', 'sessions.jsonl', chatRows, chatColumns],
      ['json', 'sessions.json', chatRows, chatColumns],
      ['csv', 'sessions.csv', qaRows, qaColumns],
      ['parquet', 'sessions.parquet', chatRows, chatColumns],
    ];

    it.each(cases)(
      'round-trips %s byte for byte and profiles it',
      async (format, filename, rows, columns) => {
        const bytes = await fileOf(format, rows, columns);
        const created = await upload(app, bytes, { filename, tags: 'synthetic,e2e' });
        expect(created.status).toBe(201);
        expect(created.body.data).toMatchObject({
          format,
          status: 'processing',
          sizeBytes: bytes.length,
          sha256: sha256(bytes),
          tags: ['synthetic', 'e2e'],
          owner: 'user-1',
        });
        const ready = (await profiled(app, created.body.data.id)).body.data;
        expect(ready).toMatchObject({ status: 'ready', rowCount: rows.length });
        expect(ready.columns.map((c: { name: string }) => c.name)).toEqual(
          columns.map((c) => c.name),
        );
        expect(ready.template).toBe(format === 'csv' ? 'question_answer' : 'chatml');

        const { response, bytes: downloaded } = await download(
          app,
          `/api/datasets/${ready.id}/download`,
        );
        expect(response.status).toBe(200);
        expect(response.headers.get('x-content-sha256')).toBe(sha256(bytes));
        expect(response.headers.get('content-disposition')).toContain(`filename="${filename}"`);
        expect(downloaded.equals(bytes)).toBe(true);
      },
    );
  });

  it('profiles the Counsel Chat CSV: 2,129 rows, its columns, question/answer template', async () => {
    const dataset = await uploadReady(app, COUNSEL_CHAT, { filename: 'counsel-chat.csv' });
    expect(dataset).toMatchObject({
      status: 'ready',
      rowCount: 2129,
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      template: 'question_answer',
    });
    expect(dataset.columns.map((c: { name: string }) => c.name)).toEqual([
      'column_1',
      'questionID',
      'questionTitle',
      'questionText',
      'questionLink',
      'topic',
      'therapistInfo',
      'therapistURL',
      'answerText',
      'upvotes',
      'views',
      'split',
    ]);
    const preview = await app.request(`/api/datasets/${dataset.id}/preview?limit=3`, {
      as: 'viewer',
    });
    expect(preview.status).toBe(200);
    expect(preview.body.data.rows).toHaveLength(3);
    expect(preview.body.data.rows[0].questionTitle).toBe(
      'Can I change my feeling of being worthless to everyone?',
    );
  });

  it('converts between formats on download and keeps every row', async () => {
    const source = await uploadReady(app, COUNSEL_CHAT, { filename: 'counsel-chat.csv' });
    const original = await app.request(`/api/datasets/${source.id}/preview?limit=100`);
    for (const format of ['json', 'jsonl', 'parquet', 'csv'] as const) {
      const { response, bytes } = await download(
        app,
        `/api/datasets/${source.id}/download?format=${format}`,
      );
      expect(response.status).toBe(200);
      const reuploaded = await uploadReady(app, bytes, { filename: `converted.${format}` });
      expect(reuploaded).toMatchObject({ format, status: 'ready', rowCount: 2129 });
      const preview = await app.request(`/api/datasets/${reuploaded.id}/preview?limit=100`);
      expect(preview.body.data.rows).toEqual(original.body.data.rows);
    }
  });

  describe('refused uploads leave nothing behind', () => {
    const refusals: [string, Buffer, string, number, string][] = [
      [
        'a PNG renamed to .csv',
        Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(500, 7)]),
        'image.csv',
        415,
        'PNG',
      ],
      [
        'binary noise',
        Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
        'data.jsonl',
        415,
        'binary',
      ],
      ['a CSV row with too many fields', Buffer.from('a,b\n1,2\n3,4,5\n'), 'bad.csv', 400, 'row 2'],
      ['a truncated JSON array', Buffer.from('[{"a":1},{"a":2},{"a":'), 'cut.json', 400, 'row'],
      [
        'a JSON Lines file with a broken line',
        Buffer.from('{"a":1}\n{"a":2\n{"a":3}\n'),
        'bad.jsonl',
        400,
        'row 2',
      ],
      [
        'a truncated Parquet file',
        Buffer.from('PAR1 and then nothing useful'),
        'cut.parquet',
        400,
        'truncated',
      ],
      ['an empty file', Buffer.alloc(0), 'empty.csv', 400, 'empty'],
    ];

    it.each(refusals)('%s', async (_label, bytes, filename, status, hint) => {
      const rowsBefore = await datasetRows(app);
      const response = await upload(app, bytes, { filename });
      expect(response.status).toBe(status);
      expect(response.body.error.message).toContain(hint);
      expect(await datasetRows(app)).toBe(rowsBefore);
      expect(
        storedObjects(app.config.dataDir).filter((name) => name.startsWith('.partial')),
      ).toEqual([]);
    });

    it('a truncated Parquet file (footer cut off)', async () => {
      const whole = await fileOf('parquet', chatRows, chatColumns);
      const objectsBefore = storedObjects(app.config.dataDir).length;
      const response = await upload(app, whole.subarray(0, whole.length - 100), {
        filename: 'cut.parquet',
      });
      expect(response.status).toBe(400);
      expect(storedObjects(app.config.dataDir)).toHaveLength(objectsBefore);
    });

    it('a form without a name, and a form without a file', async () => {
      const objectsBefore = storedObjects(app.config.dataDir).length;
      const form = new FormData();
      form.set('file', new Blob([Buffer.from('a,b\n1,2\n')]), 'x.csv');
      const noName = await app.request('/api/datasets', { method: 'POST', body: form, as: 'user' });
      expect(noName.status).toBe(400);
      expect(noName.body.error.details[0].field).toBe('name');
      const noFile = new FormData();
      noFile.set('name', 'x');
      const missing = await app.request('/api/datasets', {
        method: 'POST',
        body: noFile,
        as: 'user',
      });
      expect(missing.status).toBe(400);
      expect(storedObjects(app.config.dataDir)).toHaveLength(objectsBefore);
    });

    it('a JSON body instead of multipart is 415', async () => {
      const response = await app.request('/api/datasets', {
        method: 'POST',
        as: 'user',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"x"}',
      });
      expect(response.status).toBe(415);
    });

    it('an upload the client aborts half-way', async () => {
      const rowsBefore = await datasetRows(app);
      const objectsBefore = storedObjects(app.config.dataDir).length;
      const boundary = 'techdeck-abort';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\naborted\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jsonl"\r\n\r\n`,
      );
      const line = Buffer.from(JSON.stringify(chatRows[0]) + '\n');
      await new Promise<void>((resolve) => {
        const request = httpRequest(`${app.url}/api/datasets`, {
          method: 'POST',
          headers: {
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(50 * 1024 * 1024),
            authorization: `Bearer ${tokenFor('user')}`,
          },
        });
        request.on('error', () => resolve());
        request.write(head);
        let sent = 0;
        const pump = () => {
          while (sent < 2 * 1024 * 1024) {
            sent += line.length;
            if (!request.write(line)) return request.once('drain', pump);
          }
          setTimeout(() => request.destroy(), 50);
        };
        pump();
        request.on('close', () => resolve());
      });
      // The server notices the abort asynchronously: wait until its partial file is gone.
      for (let i = 0; i < 200 && storedObjects(app.config.dataDir).length > objectsBefore; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(storedObjects(app.config.dataDir)).toHaveLength(objectsBefore);
      expect(await datasetRows(app)).toBe(rowsBefore);
    });
  });

  it('an oversized upload is 413 and leaves nothing behind', async () => {
    const small = await startApp({ MAX_UPLOAD_BYTES: '10000' });
    try {
      const bytes = await fileOf('jsonl', chatRows, chatColumns);
      const response = await upload(small, bytes, { filename: 'big.jsonl' });
      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(storedObjects(small.config.dataDir)).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
