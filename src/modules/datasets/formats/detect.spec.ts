import { detectFormat, UnsupportedContentError, UnusableContentError } from './detect';

const ALLOWED = 'expected CSV, JSON (an array of objects), JSON Lines or Parquet';
const utf8 = (text: string) => Buffer.from(text, 'utf8');

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('detectFormat', () => {
  it('recognises Parquet by its magic bytes, whatever the name', () => {
    expect(detectFormat(Buffer.from('PAR1\x15\x00\x15', 'latin1'), 'data.csv')).toEqual({
      format: 'parquet',
    });
  });

  it.each([
    ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['a ZIP archive (or an Office document)', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]],
    ['a PDF document', [...Buffer.from('%PDF-1.7\n')]],
    ['a gzip archive', [0x1f, 0x8b, 0x08, 0x00]],
  ])('refuses %s renamed to .csv', (kind, bytes) => {
    const error = thrown(() => detectFormat(Buffer.from(bytes), 'data.csv'));
    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect(error).toMatchObject({ reason: `the file is ${kind}; ${ALLOWED}` });
  });

  it('refuses text with a NUL byte as binary', () => {
    const error = thrown(() => detectFormat(utf8('a,b\n1,\0\n'), 'data.csv'));
    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect(error).toMatchObject({ reason: `the file is binary data; ${ALLOWED}` });
  });

  it('refuses text with more than 1% control characters as binary', () => {
    const error = thrown(() => detectFormat(utf8('a,b\n1,\x01\x02\n' + 'x'.repeat(100))));
    expect(error).toBeInstanceOf(UnsupportedContentError);
  });

  it('accepts a stray control character in otherwise plain text', () => {
    expect(detectFormat(utf8('a,b\n1,\x01\n' + 'x'.repeat(200)))).toMatchObject({
      format: 'csv',
    });
  });

  it('refuses an empty file', () => {
    const error = thrown(() => detectFormat(Buffer.alloc(0), 'empty.csv', true));
    expect(error).toBeInstanceOf(UnusableContentError);
    expect(error).toMatchObject({ reason: 'the file is empty' });
  });

  it('refuses a file of only whitespace and a byte-order mark', () => {
    const error = thrown(() => detectFormat(utf8('\uFEFF \r\n\t\n'), 'blank.csv', true));
    expect(error).toBeInstanceOf(UnusableContentError);
    expect(error).toMatchObject({ reason: 'the file holds only whitespace' });
  });

  it('takes leading "[" as a JSON array', () => {
    expect(detectFormat(utf8(' \n[{"a":1}]'), 'data.jsonl')).toEqual({
      format: 'json',
      encoding: 'utf-8',
    });
  });

  it('takes leading "{" as JSON Lines', () => {
    expect(detectFormat(utf8('{"a":1}\n{"a":2}\n'), 'data.jsonl')).toEqual({
      format: 'jsonl',
      encoding: 'utf-8',
    });
  });

  it('takes one object per line as JSON Lines even when named .json', () => {
    expect(detectFormat(utf8('{"a":1}\r\n{"a":2}\r\n'), 'data.JSON')).toEqual({
      format: 'jsonl',
      encoding: 'utf-8',
    });
  });

  it('refuses a pretty-printed single object named .json', () => {
    const error = thrown(() => detectFormat(utf8('{\n  "a": 1\n}\n'), 'data.json', true));
    expect(error).toBeInstanceOf(UnusableContentError);
    expect(error).toMatchObject({
      reason: 'a JSON file must hold an array of objects (or one object per line, JSON Lines)',
    });
  });

  it('takes anything else as CSV with its delimiter', () => {
    expect(detectFormat(utf8('name;city\nAda;London\n'), 'data.csv')).toEqual({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
    });
  });

  it('reads past a UTF-8 byte-order mark', () => {
    expect(detectFormat(Buffer.from([0xef, 0xbb, 0xbf, ...utf8('[{"a":1}]')]))).toEqual({
      format: 'json',
      encoding: 'utf-8',
    });
  });

  it('recognises UTF-16LE by its byte-order mark', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('a\tb\n1\t2\n', 'utf16le'),
    ]);
    expect(detectFormat(bytes, 'data.tsv')).toEqual({
      format: 'csv',
      encoding: 'utf-16le',
      delimiter: '\t',
    });
  });

  it('recognises UTF-16BE by its byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"a":1}\n', 'utf16le')]);
    bytes.subarray(2).swap16();
    expect(detectFormat(bytes, 'data.jsonl')).toEqual({ format: 'jsonl', encoding: 'utf-16be' });
  });

  it('takes text that is not valid UTF-8 as Windows-1252', () => {
    const bytes = Buffer.from('name;city\nRené;Québec\n', 'latin1');
    expect(bytes.includes(0xe9)).toBe(true);
    expect(detectFormat(bytes, 'data.csv')).toEqual({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
    });
  });

  it('keeps UTF-8 when the sample ends inside a multi-byte character', () => {
    const whole = utf8('name\ncafé\n');
    expect(detectFormat(whole.subarray(0, whole.length - 2), 'data.csv')).toEqual({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
    });
  });

  // A complete file cannot continue a character cut at its end: 0xE9 there is Windows-1252 "é".
  it('takes a complete file ending in a Windows-1252 "é" as Windows-1252', () => {
    const bytes = Buffer.from('name\ncafé', 'latin1');
    expect(detectFormat(bytes, 'data.csv', true)).toEqual({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ',',
    });
  });
});
