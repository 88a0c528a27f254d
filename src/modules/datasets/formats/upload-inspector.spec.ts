import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DETECTION_SAMPLE_BYTES, UnsupportedContentError, UnusableContentError } from './detect';
import { MalformedContentError, type Row } from './format';
import { RowCheckPool } from './row-check';
import { writeRows } from './row-io';
import { UploadInspector } from './upload-inspector';

/** Pipes `bytes` through an inspector in pieces of `pieceSize`; what came out, or the failure. */
async function inspect(bytes: Buffer, filename: string, pieceSize = 1000, pool?: RowCheckPool) {
  const inspector = new UploadInspector(filename, pool && ((detected) => pool.check(detected)));
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += pieceSize) pieces.push(bytes.subarray(i, i + pieceSize));
  const out: Buffer[] = [];
  const error = await pipeline(Readable.from(pieces), inspector, async (stream) => {
    for await (const chunk of stream) out.push(chunk as Buffer);
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { inspector, output: Buffer.concat(out), error };
}

/** CSV rows with a quoted multi-line field and multi-byte text, so pieces split both. */
function csvText(rows: number): string {
  let text = 'id,note\r\n';
  for (let i = 1; i <= rows; i++) text += `${i},"séance ${i}, ""ok""\nnext line 😀"\r\n`;
  return text;
}

describe('UploadInspector', () => {
  it('detects a small CSV when the upload ends and counts its rows', async () => {
    const bytes = Buffer.from('name;age\nAda;36\nBob;41\n');
    const { inspector, output, error } = await inspect(bytes, 'people.csv', 5);
    expect(error).toBeUndefined();
    expect(inspector.detected).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ';' });
    expect(inspector.rowCount).toBe(2);
    expect(output.equals(bytes)).toBe(true);
  });

  it('passes a large CSV through byte for byte and counts its rows', async () => {
    const bytes = Buffer.from(csvText(4000));
    expect(bytes.length).toBeGreaterThan(2 * DETECTION_SAMPLE_BYTES);
    const { inspector, output, error } = await inspect(bytes, 'sessions.csv', 997);
    expect(error).toBeUndefined();
    expect(inspector.detected).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(inspector.rowCount).toBe(4000);
    expect(output.equals(bytes)).toBe(true);
  });

  it('counts the rows of a large JSON array', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ i, text: `"${i}" {[é]}` }));
    const bytes = Buffer.from(JSON.stringify(rows, null, 2));
    expect(bytes.length).toBeGreaterThan(DETECTION_SAMPLE_BYTES);
    const { inspector, output, error } = await inspect(bytes, 'rows.json', 4096);
    expect(error).toBeUndefined();
    expect(inspector.detected).toEqual({ format: 'json', encoding: 'utf-8' });
    expect(inspector.rowCount).toBe(3000);
    expect(output.equals(bytes)).toBe(true);
  });

  it('counts the rows of a small JSON Lines file', async () => {
    const bytes = Buffer.from('{"a":1}\r\n\r\n{"a":2}');
    const { inspector, error } = await inspect(bytes, 'rows.jsonl', 3);
    expect(error).toBeUndefined();
    expect(inspector.detected).toEqual({ format: 'jsonl', encoding: 'utf-8' });
    expect(inspector.rowCount).toBe(2);
  });

  it('checks a Windows-1252 CSV in its own encoding', async () => {
    const bytes = Buffer.from('name,city\nRené,Québec\nZoë,Köln\n', 'latin1');
    const { inspector, output, error } = await inspect(bytes, 'people.csv', 4);
    expect(error).toBeUndefined();
    expect(inspector.detected).toEqual({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ',',
    });
    expect(inspector.rowCount).toBe(2);
    expect(output.equals(bytes)).toBe(true);
  });

  it('passes Parquet through unchecked and does not count its rows', async () => {
    const rows: Row[] = [{ a: 'x' }, { a: 'y' }];
    const chunks: Buffer[] = [];
    for await (const chunk of writeRows('parquet', Readable.from(rows), [
      { name: 'a', type: 'string' },
    ])) {
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    const { inspector, output, error } = await inspect(bytes, 'rows.parquet', 50);
    expect(error).toBeUndefined();
    expect(inspector.detected).toEqual({ format: 'parquet' });
    expect(inspector.rowCount).toBeUndefined();
    expect(output.equals(bytes)).toBe(true);
  });

  it('fails a small malformed CSV with its row', async () => {
    const { error } = await inspect(Buffer.from('a,b\n1,2\n3,4,5\n'), 'bad.csv', 4);
    expect(error).toBeInstanceOf(MalformedContentError);
    expect(error).toMatchObject({ row: 2, reason: 'expected 2 fields as in the header, found 3' });
  });

  it('fails a large CSV on a malformed row after the detection sample', async () => {
    const bytes = Buffer.from(csvText(4000) + '4001\r\n' + csvText(1).slice(9));
    const { error } = await inspect(bytes, 'bad.csv', 997);
    expect(error).toBeInstanceOf(MalformedContentError);
    expect(error).toMatchObject({
      row: 4001,
      reason: 'expected 2 fields as in the header, found 1',
    });
  });

  it('fails on bytes that are not valid in the detected encoding, with the row', async () => {
    const valid = Buffer.from(csvText(2000));
    expect(valid.length).toBeGreaterThan(DETECTION_SAMPLE_BYTES);
    const bytes = Buffer.concat([valid, Buffer.from([0x62, 0xff, 0x2c, 0x78, 0x0a])]);
    // One piece for the valid part: its rows are all counted before the bad bytes arrive.
    const { error } = await inspect(bytes, 'bad.csv', valid.length);
    expect(error).toBeInstanceOf(MalformedContentError);
    expect(error).toMatchObject({
      row: 2001,
      reason: 'the file has bytes that are not valid text',
    });
  });

  it('refuses an empty upload', async () => {
    const { error } = await inspect(Buffer.alloc(0), 'empty.csv');
    expect(error).toBeInstanceOf(UnusableContentError);
  });

  it('refuses an image named .csv, letting nothing through', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100_000, 7),
    ]);
    const { output, error } = await inspect(png, 'data.csv', 4096);
    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect(output.length).toBe(0);
  });

  it('refuses a pretty-printed single object named .json', async () => {
    const { error } = await inspect(Buffer.from('{\n  "a": 1\n}\n'), 'data.json');
    expect(error).toBeInstanceOf(UnusableContentError);
  });
});

describe('UploadInspector with a worker thread', () => {
  const pool = new RowCheckPool(1);
  afterAll(() => pool.close());

  it('counts the same rows as inline', async () => {
    const bytes = Buffer.from(csvText(4000));
    const { inspector, output, error } = await inspect(bytes, 'sessions.csv', 997, pool);
    expect(error).toBeUndefined();
    expect(inspector.rowCount).toBe(4000);
    expect(output.equals(bytes)).toBe(true);
  });

  it('fails a malformed row with the same row number as inline', async () => {
    const bytes = Buffer.from(csvText(4000) + '4001\r\n' + csvText(1).slice(9));
    const { error } = await inspect(bytes, 'bad.csv', 997, pool);
    expect(error).toBeInstanceOf(MalformedContentError);
    expect(error).toMatchObject({
      row: 4001,
      reason: 'expected 2 fields as in the header, found 1',
    });
  });
});
