import {
  type ColumnShape,
  type DatasetFormat,
  MalformedContentError,
  type ReadHints,
  type Row,
} from './format';
import { writeParquet } from './parquet';
import { memorySource, readRows, writeRows } from './row-io';

async function* from<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function write(format: DatasetFormat, rows: Row[], columns: ColumnShape[]): Promise<Buffer> {
  return Buffer.concat(await collect(writeRows(format, from(rows), columns)));
}

const read = (format: DatasetFormat, bytes: Buffer, hints: ReadHints = {}, chunkSize?: number) =>
  collect(readRows(format, memorySource(bytes, chunkSize), hints));

const columnsOf = (type: ColumnShape['type'], ...names: string[]): ColumnShape[] =>
  names.map((name) => ({ name, type }));

const TEXT_ROWS: Row[] = [
  { id: 'a', text: 'plain' },
  { id: 'b', text: 'comma, "quotes" and\r\nline breaks\nand\rreturns' },
  { id: 'c', text: '  padded  ' },
  { id: 'd', text: 'Привет, 世界 — مرحبا 😀👩‍👩‍👧' },
];

describe('writeRows and readRows', () => {
  it('writes CSV with a header, CRLF and quotes only where needed', async () => {
    const bytes = await write(
      'csv',
      [
        { a: 'x,y', b: 'say "hi"', c: 1.5 },
        { a: ' lead', b: null, c: { k: [1] } },
      ],
      columnsOf('mixed', 'a', 'b', 'c'),
    );
    expect(bytes.toString('utf8')).toBe(
      'a,b,c\r\n"x,y","say ""hi""",1.5\r\n" lead",,"{""k"":[1]}"\r\n',
    );
  });

  it('round-trips text through CSV, read in 3-byte chunks', async () => {
    const bytes = await write('csv', TEXT_ROWS, columnsOf('string', 'id', 'text'));
    expect(await read('csv', bytes, { encoding: 'utf-8', delimiter: ',' }, 3)).toEqual(TEXT_ROWS);
  });

  it('reads back CSV values as text, a missing value as empty', async () => {
    const rows = [{ n: 1, flag: true, nothing: null }, { n: 2.5 }];
    const bytes = await write('csv', rows, [
      { name: 'n', type: 'number' },
      { name: 'flag', type: 'boolean' },
      { name: 'nothing', type: 'null' },
    ]);
    expect(await read('csv', bytes)).toEqual([
      { n: '1', flag: 'true', nothing: '' },
      { n: '2.5', flag: '', nothing: '' },
    ]);
  });

  // A lone empty value must not become a blank line, which readers skip.
  it('round-trips empty values of a single-column CSV', async () => {
    const rows = [{ note: 'a' }, { note: '' }, { note: null }, { note: 'b' }];
    const bytes = await write('csv', rows, columnsOf('string', 'note'));
    expect(await read('csv', bytes)).toEqual([
      { note: 'a' },
      { note: '' },
      { note: '' },
      { note: 'b' },
    ]);
  });

  it('writes a JSON array, one row per line', async () => {
    const bytes = await write('json', [{ a: 1 }, { b: 2n }], []);
    expect(bytes.toString('utf8')).toBe('[\n{"a":1},\n{"b":2}\n]\n');
  });

  it('writes and reads an empty JSON array', async () => {
    const bytes = await write('json', [], []);
    expect(bytes.toString('utf8')).toBe('[]\n');
    expect(await read('json', bytes)).toEqual([]);
  });

  const NESTED_ROWS: Row[] = [
    ...TEXT_ROWS,
    { id: 'e', list: [1, 'two', null, { three: [3] }], flag: false, n: -0.5 },
  ];

  it.each(['json', 'jsonl'] as const)(
    'round-trips nested values and text through %s, read in 5-byte chunks',
    async (format) => {
      const bytes = await write(format, NESTED_ROWS, []);
      expect(await read(format, bytes, {}, 5)).toEqual(NESTED_ROWS);
    },
  );

  it('round-trips many JSON Lines rows across writer batches', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      i,
      text: `row ${i} ${'é'.repeat(30)}`,
    }));
    const bytes = await write('jsonl', rows, []);
    expect(bytes.length).toBeGreaterThan(3 * 65536);
    expect(await read('jsonl', bytes, {}, 4099)).toEqual(rows);
  });

  it('round-trips Parquet with nulls, integers, booleans, nested values and any text', async () => {
    const columns: ColumnShape[] = [
      { name: 'id', type: 'integer' },
      { name: 'text', type: 'string' },
      { name: 'score', type: 'number' },
      { name: 'ok', type: 'boolean' },
      { name: 'meta', type: 'object' },
      { name: 'tags', type: 'array' },
      { name: 'any', type: 'mixed' },
      { name: 'nothing', type: 'null' },
    ];
    const rows: Row[] = [
      {
        id: 1,
        text: 'Привет, 世界 😀',
        score: 0.25,
        ok: true,
        meta: { a: { b: [1, 2] }, c: 'ü' },
        tags: ['x', 'y'],
        any: 7,
        nothing: null,
      },
      {
        id: 9007199254740993n,
        text: '',
        score: null,
        ok: false,
        meta: null,
        tags: [],
        any: 'text',
        nothing: null,
      },
      { id: null, text: null, score: -3, ok: null, meta: {}, tags: [{ k: null }], any: [1, 'a'] },
    ];
    const bytes = await write('parquet', rows, columns);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect(await read('parquet', bytes)).toEqual([
      { ...rows[0], id: 1n },
      rows[1],
      { ...rows[2], nothing: null },
    ]);
  });

  it('reads every row group of a Parquet file in order', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ i, name: `r${i}` }));
    const columns: ColumnShape[] = [
      { name: 'i', type: 'integer' },
      { name: 'name', type: 'string' },
    ];
    const bytes = Buffer.concat(await collect(writeParquet(from(rows), columns, 2)));
    expect(await read('parquet', bytes)).toEqual(rows.map((row) => ({ ...row, i: BigInt(row.i) })));
  });

  it('writes and reads a Parquet file without rows', async () => {
    const bytes = await write('parquet', [], columnsOf('string', 'a'));
    expect(await read('parquet', bytes)).toEqual([]);
  });

  it('refuses a truncated Parquet file', async () => {
    const bytes = await write('parquet', [{ a: 'x' }], columnsOf('string', 'a'));
    const error = await read('parquet', bytes.subarray(0, bytes.length - 1)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MalformedContentError);
    expect(error).toMatchObject({ row: 1, reason: 'the Parquet file is truncated (no footer)' });
  });

  it('decodes a Windows-1252 CSV', async () => {
    const bytes = Buffer.from('name;price\nRené;5\x80\n', 'latin1');
    expect(await read('csv', bytes, { encoding: 'windows-1252', delimiter: ';' })).toEqual([
      { name: 'René', price: '5€' },
    ]);
  });

  it('decodes a UTF-16LE CSV with its byte-order mark', async () => {
    const bytes = Buffer.from('\uFEFFname\tcity\nZoë\t東京\n', 'utf16le');
    expect(await read('csv', bytes, { encoding: 'utf-16le', delimiter: '\t' }, 3)).toEqual([
      { name: 'Zoë', city: '東京' },
    ]);
  });

  it('decodes UTF-8 characters split across chunks, dropping the byte-order mark', async () => {
    const bytes = Buffer.from('\uFEFFname\n😀é日\n', 'utf8');
    expect(await read('csv', bytes, { encoding: 'utf-8' }, 1)).toEqual([{ name: '😀é日' }]);
  });

  it('refuses bytes that are not valid UTF-8, with the row they are in', async () => {
    const bytes = Buffer.concat([Buffer.from('name\nok\n'), Buffer.from([0x62, 0xff, 0x0a])]);
    const error = await read('csv', bytes, { encoding: 'utf-8' }, 8).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedContentError);
    expect(error).toMatchObject({ row: 2, reason: 'the file has bytes that are not valid utf-8' });
  });

  it('passes on a decoder error with its row', async () => {
    const error = await read('jsonl', Buffer.from('{"a":1}\n{"a":}\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedContentError);
    expect(error).toMatchObject({ row: 2, reason: 'invalid JSON' });
  });
});

describe('Parquet values the other formats cannot hold', () => {
  it('reads timestamps as ISO 8601 text', async () => {
    const { ByteWriter, parquetWrite } = await import('hyparquet-writer');
    const writer = new ByteWriter();
    await parquetWrite({
      writer,
      columnData: [{ name: 'at', data: [new Date('2026-11-26T08:00:00.000Z')], type: 'TIMESTAMP' }],
    });
    const rows = [];
    for await (const row of readRows('parquet', memorySource(Buffer.from(writer.getBuffer())))) {
      rows.push(row);
    }
    expect(rows).toEqual([{ at: '2026-11-26T08:00:00.000Z' }]);
  });
});
