import { CsvParser, CsvRowDecoder, detectDelimiter, headerNames } from './csv';
import { type CsvDelimiter, MalformedContentError, type Row } from './format';

function parse(chunks: string[], delimiter: CsvDelimiter = ','): string[][] {
  const parser = new CsvParser(delimiter);
  const records = chunks.flatMap((chunk) => parser.push(chunk));
  return [...records, ...parser.end()];
}

function decode(chunks: string[], delimiter: CsvDelimiter = ','): Row[] {
  const decoder = new CsvRowDecoder(delimiter);
  const rows = chunks.flatMap((chunk) => decoder.push(chunk));
  return [...rows, ...decoder.end()];
}

function failure(action: () => unknown): MalformedContentError {
  try {
    action();
  } catch (error) {
    if (error instanceof MalformedContentError) return error;
    throw error;
  }
  throw new Error('expected a MalformedContentError');
}

/** Chunks of 1 to 9 characters, from a seeded generator so a failure can be replayed. */
function randomChunks(text: string, seed: number): string[] {
  let state = seed;
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const size = 1 + (state % 9);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

// Every feature that needs lookahead: quotes, doubled quotes, CR before LF, lone CR, blank lines.
const TRICKY =
  'id,text,note\r\n' +
  '1,"a, b","say ""hi"""\r\n' +
  '\r\n' +
  '2,"line one\r\nline two",\r' +
  '3,plain,"x"\n' +
  '\n' +
  '4,"",""\n' +
  '5,"ends with quote""",😀 ünï\r\n';

const TRICKY_RECORDS = [
  ['id', 'text', 'note'],
  ['1', 'a, b', 'say "hi"'],
  ['2', 'line one\r\nline two', ''],
  ['3', 'plain', 'x'],
  ['4', '', ''],
  ['5', 'ends with quote"', '😀 ünï'],
];

describe('CsvParser', () => {
  it('keeps delimiters and doubled quotes inside quoted fields', () => {
    expect(parse(['"a,b","say ""hi""",c\n'])).toEqual([['a,b', 'say "hi"', 'c']]);
  });

  it('ends records at CRLF, LF and a lone CR', () => {
    expect(parse(['a,b\r\n1,2\n3,4\r5,6'])).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('keeps line breaks inside a quoted field', () => {
    expect(parse(['a,b\n"x\ny\r\nz\rw",2\n'])).toEqual([
      ['a', 'b'],
      ['x\ny\r\nz\rw', '2'],
    ]);
  });

  it('skips blank lines and does not count them', () => {
    const parser = new CsvParser();
    const records = [...parser.push('\n\na\r\n\r\n\rb\n\n'), ...parser.end()];
    expect(records).toEqual([['a'], ['b']]);
    expect(parser.recordsParsed).toBe(2);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parse(['5" screen,x\n'])).toEqual([['5" screen', 'x']]);
  });

  it('keeps empty fields', () => {
    expect(parse([',\n,,x\n'])).toEqual([
      ['', ''],
      ['', '', 'x'],
    ]);
  });

  it('holds back the last record until end when it has no line break', () => {
    const parser = new CsvParser();
    expect(parser.push('a,b\n1,2')).toEqual([['a', 'b']]);
    expect(parser.end()).toEqual([['1', '2']]);
  });

  it('parses the tricky text in one push', () => {
    expect(parse([TRICKY])).toEqual(TRICKY_RECORDS);
  });

  it('gives the same records however the text is split in two', () => {
    for (let i = 0; i <= TRICKY.length; i++) {
      expect([i, parse([TRICKY.slice(0, i), TRICKY.slice(i)])]).toEqual([i, TRICKY_RECORDS]);
    }
  });

  it('gives the same records when fed one character at a time', () => {
    expect(parse([...TRICKY])).toEqual(TRICKY_RECORDS);
  });

  it('gives the same records in random chunk sizes', () => {
    for (let seed = 1; seed <= 50; seed++) {
      expect([seed, parse(randomChunks(TRICKY, seed))]).toEqual([seed, TRICKY_RECORDS]);
    }
  });

  it('gives the same records without the final line break, one character at a time', () => {
    const text = TRICKY.slice(0, -2);
    expect(parse([...text])).toEqual(TRICKY_RECORDS);
  });

  it('fails on a quote still open at the end', () => {
    const parser = new CsvParser();
    parser.push('a\n"open\nstill open');
    expect(failure(() => parser.end())).toMatchObject({
      row: 2,
      reason: 'quoted field is not closed',
    });
  });

  it('fails on text after a closing quote', () => {
    expect(failure(() => parse(['a\n"b"c\n']))).toMatchObject({
      row: 2,
      reason: 'unexpected character after a closing quote',
    });
  });

  it('splits on a semicolon', () => {
    expect(parse(['a;"b;c"\n1,5;2\n'], ';')).toEqual([
      ['a', 'b;c'],
      ['1,5', '2'],
    ]);
  });

  it('splits on a tab', () => {
    expect(parse(['a\t"b\tc"\n1,5\t2 3\n'], '\t')).toEqual([
      ['a', 'b\tc'],
      ['1,5', '2 3'],
    ]);
  });
});

describe('CsvRowDecoder', () => {
  it('names the values of each record by the header', () => {
    const decoder = new CsvRowDecoder(',');
    const rows = [...decoder.push('name,age\nAda,36\n"Lovelace, A",\n'), ...decoder.end()];
    expect(rows).toEqual([
      { name: 'Ada', age: '36' },
      { name: 'Lovelace, A', age: '' },
    ]);
    expect(decoder.columns).toEqual(['name', 'age']);
  });

  it('gives no rows for a header alone', () => {
    const decoder = new CsvRowDecoder(';');
    expect([...decoder.push('a;b\r\n'), ...decoder.end()]).toEqual([]);
    expect(decoder.columns).toEqual(['a', 'b']);
  });

  it('fails on a record with more fields than the header, numbering data rows', () => {
    expect(failure(() => decode(['a,b\n1,2\n\n3,4,5\n']))).toMatchObject({
      row: 2,
      reason: 'expected 2 fields as in the header, found 3',
    });
  });

  it('fails on a record with fewer fields than the header', () => {
    expect(failure(() => decode(['a,b,c\n1,2\n']))).toMatchObject({
      row: 1,
      reason: 'expected 3 fields as in the header, found 2',
    });
  });

  it('finds the mismatched record when fed one character at a time', () => {
    expect(failure(() => decode([...'a,b\n1,"x\n,y"\n3,4\n5\n6,7\n']))).toMatchObject({
      row: 3,
      reason: 'expected 2 fields as in the header, found 1',
    });
  });

  it('fails on a file without a header', () => {
    expect(failure(() => decode(['\r\n\n']))).toMatchObject({
      row: 1,
      reason: 'the file has no header row',
    });
  });

  // MalformedContentError rows are data rows (the header is not one), as for a field-count mismatch.
  it('numbers an unclosed quote by its data row', () => {
    expect(failure(() => decode(['a,b\n1,2\n"3,4\n']))).toMatchObject({
      row: 2,
      reason: 'quoted field is not closed',
    });
  });

  it('numbers text after a closing quote by its data row', () => {
    expect(failure(() => decode(['a,b\n1,2\n"3"x,4\n']))).toMatchObject({
      row: 2,
      reason: 'unexpected character after a closing quote',
    });
  });
});

describe('headerNames', () => {
  it('names blank columns by position and numbers repeats', () => {
    expect(headerNames(['', 'name', ' ', 'name', 'name'])).toEqual([
      'column_1',
      'name',
      'column_3',
      'name_2',
      'name_3',
    ]);
  });

  it('trims names before comparing them', () => {
    expect(headerNames([' id ', 'id'])).toEqual(['id', 'id_2']);
  });

  // A repeated name must not become one that is already taken, or a column is silently lost.
  it('keeps a real column its own name when a repeat would take it', () => {
    expect(headerNames(['a', 'a', 'a_2'])).toEqual(['a', 'a_3', 'a_2']);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n', ','],
    ['semicolon, with decimal commas in the values', 'a;b\n1,5;2,5\n3,0;4,0\n', ';'],
    ['tab', 'a\tb\n1\t2\n', '\t'],
    ['pipe', 'a|b|c\n1|2|3\n', '|'],
    ['a single column', 'name\nAda\nBob\n', ','],
    ['semicolons only inside quotes', '"a;b;c",d\n"1;2;3",4\n', ','],
    ['CRLF line endings', 'a;b\r\n1;2\r\n', ';'],
  ])('%s', (_label, sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });

  it('prefers the delimiter that splits lines consistently over one that splits more', () => {
    expect(detectDelimiter('a,b,c;d\n1;2\n3;4\n')).toBe(';');
  });

  it('ignores line breaks inside quoted fields', () => {
    expect(detectDelimiter('a;b\n"x\ny;z";2\n3;4\n')).toBe(';');
  });

  // The parser ends records at a lone CR (old Mac exports), so detection must count those lines too.
  it('detects a semicolon in a file with lone CR line endings', () => {
    expect(detectDelimiter('a;b\r1;2\r3;4\r')).toBe(';');
  });
});
