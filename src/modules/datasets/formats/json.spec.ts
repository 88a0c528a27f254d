import { MalformedContentError, type Row, type RowDecoder } from './format';
import { JsonArraySplitter, JsonlDecoder, jsonSafe } from './json';

function decode(decoder: RowDecoder, chunks: string[]): Row[] {
  const rows = chunks.flatMap((chunk) => decoder.push(chunk));
  return [...rows, ...decoder.end()];
}

const array = (...chunks: string[]) => decode(new JsonArraySplitter(), chunks);
const lines = (...chunks: string[]) => decode(new JsonlDecoder(), chunks);

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

// Strings that end in backslashes or hold escaped quotes and brackets: the scanner must not end
// a string or an element early.
const ESCAPES = String.raw`{"a":"a\\","b":"\"","c":"\\\"]}","d\\":"{[\u00e9"}`;
const ESCAPES_ROW = { a: 'a\\', b: '"', c: '\\"]}', 'd\\': '{[é' };

const ARRAY_TEXT =
  ' \r\n[\n  ' +
  ESCAPES +
  ' ,\t{"n": [1, {"m": [2, [3]]}], "o": {"p": null, "q": ""}, "r": "😀 日本"}\n,{}]\n ';
const ARRAY_ROWS = [
  ESCAPES_ROW,
  { n: [1, { m: [2, [3]] }], o: { p: null, q: '' }, r: '😀 日本' },
  {},
];

describe('JsonArraySplitter', () => {
  it('parses an array of objects with nesting, escapes and whitespace', () => {
    expect(array(ARRAY_TEXT)).toEqual(ARRAY_ROWS);
  });

  it('gives the same rows however the text is split in two', () => {
    for (let i = 0; i <= ARRAY_TEXT.length; i++) {
      const rows = array(ARRAY_TEXT.slice(0, i), ARRAY_TEXT.slice(i));
      expect([i, rows]).toEqual([i, ARRAY_ROWS]);
    }
  });

  it('gives the same rows when fed one character at a time', () => {
    expect(array(...ARRAY_TEXT)).toEqual(ARRAY_ROWS);
  });

  it('gives the same rows in random chunk sizes', () => {
    for (let seed = 1; seed <= 50; seed++) {
      expect([seed, array(...randomChunks(ARRAY_TEXT, seed))]).toEqual([seed, ARRAY_ROWS]);
    }
  });

  it('returns each row as soon as its element is complete', () => {
    const splitter = new JsonArraySplitter();
    expect(splitter.push('[{"a":1},{"a":')).toEqual([{ a: 1 }]);
    expect(splitter.push('2}')).toEqual([{ a: 2 }]);
    expect(splitter.push(']')).toEqual([]);
    expect(splitter.end()).toEqual([]);
  });

  it('parses an empty array', () => {
    expect(array(' [ \n ] ')).toEqual([]);
  });

  it.each([
    ['a number', '[{"a":1}, 2]', 2],
    ['a string', '[{"a":1},"x"]', 2],
    ['null', '[null]', 1],
    ['an array', '[[{"a":1}]]', 1],
  ])('fails on %s as an element', (_label, text, row) => {
    expect(failure(() => array(text))).toMatchObject({ row, reason: 'expected an object' });
  });

  it('fails on a trailing comma', () => {
    expect(failure(() => array('[{"a":1},]'))).toMatchObject({
      row: 2,
      reason: 'expected an object',
    });
  });

  it('fails on a missing comma', () => {
    expect(failure(() => array('[{"a":1} {"b":2}]'))).toMatchObject({
      row: 2,
      reason: 'expected "," or "]" between rows',
    });
  });

  it('fails on content after the array', () => {
    expect(failure(() => array('[{"a":1}] x'))).toMatchObject({
      row: 1,
      reason: 'unexpected content after the array',
    });
  });

  // Rows are 1-based: an error never names row 0.
  it('fails on content after an empty array with row 1', () => {
    expect(failure(() => array('[] {}'))).toMatchObject({
      row: 1,
      reason: 'unexpected content after the array',
    });
  });

  it('fails on an array that is not closed', () => {
    expect(failure(() => array('[{"a":1}'))).toMatchObject({
      row: 2,
      reason: 'the array is not closed',
    });
  });

  it('fails on an element cut off', () => {
    expect(failure(() => array('[{"a":1},{"a":"x\\"'))).toMatchObject({
      row: 2,
      reason: 'the array is not closed',
    });
  });

  it('fails on an element that is not valid JSON', () => {
    expect(failure(() => array('[{"a":1},{"a":tru}]'))).toMatchObject({
      row: 2,
      reason: 'invalid JSON',
    });
  });

  it('fails on a single object instead of an array', () => {
    expect(failure(() => array('{"a":1}'))).toMatchObject({
      row: 1,
      reason: 'expected a JSON array',
    });
  });

  it('fails on empty input', () => {
    expect(failure(() => array(' \n'))).toMatchObject({
      row: 1,
      reason: 'expected a JSON array of objects',
    });
  });
});

const LINES_TEXT = `${ESCAPES}\r\n\r\n  \n{"n":[1,{"m":"}\\n{"}],"r":"😀 日本"}\n{}`;
const LINES_ROWS = [ESCAPES_ROW, { n: [1, { m: '}\n{' }], r: '😀 日本' }, {}];

describe('JsonlDecoder', () => {
  it('parses one object per line, skipping blank lines, with CRLF and no final break', () => {
    expect(lines(LINES_TEXT)).toEqual(LINES_ROWS);
  });

  it('gives the same rows however the text is split in two', () => {
    for (let i = 0; i <= LINES_TEXT.length; i++) {
      const rows = lines(LINES_TEXT.slice(0, i), LINES_TEXT.slice(i));
      expect([i, rows]).toEqual([i, LINES_ROWS]);
    }
  });

  it('gives the same rows when fed one character at a time', () => {
    expect(lines(...LINES_TEXT)).toEqual(LINES_ROWS);
  });

  it('gives the same rows in random chunk sizes', () => {
    for (let seed = 1; seed <= 50; seed++) {
      expect([seed, lines(...randomChunks(LINES_TEXT, seed))]).toEqual([seed, LINES_ROWS]);
    }
  });

  it('gives nothing for blank input', () => {
    expect(lines('\n \r\n')).toEqual([]);
  });

  it('fails on an invalid line with its line number, blank lines included', () => {
    expect(failure(() => lines('{"a":1}\n\n{"a":\n{"a":3}\n'))).toMatchObject({
      row: 3,
      reason: 'invalid JSON',
    });
  });

  it('fails on an invalid last line without a line break', () => {
    expect(failure(() => lines('{"a":1}\r\n{'))).toMatchObject({ row: 2, reason: 'invalid JSON' });
  });

  it.each([
    ['an array', '{"a":1}\n[1]\n', 2],
    ['null', 'null\n', 1],
    ['a string', '{"a":1}\n{"a":2}\n"x"\n', 3],
  ])('fails on %s as a line', (_label, text, row) => {
    expect(failure(() => lines(text))).toMatchObject({ row, reason: 'expected an object' });
  });
});

describe('jsonSafe', () => {
  it('writes safe bigints as numbers and larger ones as text', () => {
    const row = { small: 42n, negative: -7n, huge: 2n ** 64n, text: 'x' };
    expect(JSON.stringify(row, jsonSafe)).toBe(
      '{"small":42,"negative":-7,"huge":"18446744073709551616","text":"x"}',
    );
  });
});
