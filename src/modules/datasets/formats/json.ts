import { MalformedContentError, type Row, type RowDecoder } from './format';

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function asRow(value: unknown, row: number): Row {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MalformedContentError(row, 'expected an object');
  }
  return value as Row;
}

function parseRow(text: string, row: number): Row {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedContentError(row, 'invalid JSON');
  }
  return asRow(value, row);
}

/**
 * A top-level JSON array of objects, streamed: the scanner finds where each element ends
 * (tracking nesting and strings), and each element is parsed on its own, so memory holds one
 * element at a time however large the file.
 */
export class JsonArraySplitter implements RowDecoder {
  private buffer = '';
  private state: 'start' | 'value' | 'after' | 'done' = 'start';
  private depth = 0;
  private inString = false;
  private scanFrom = 0;
  private rows = 0;

  push(text: string): Row[] {
    this.buffer += text;
    return this.scan();
  }

  end(): Row[] {
    const rows = this.scan();
    if (this.state !== 'done') {
      const reason =
        this.state === 'start' ? 'expected a JSON array of objects' : 'the array is not closed';
      throw new MalformedContentError(this.rows + 1, reason);
    }
    return rows;
  }

  private scan(): Row[] {
    const s = this.buffer;
    const rows: Row[] = [];
    let i = this.scanFrom;
    let elementStart = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (this.state === 'value') {
        if (this.inString) {
          const quote = s.indexOf('"', i);
          if (quote === -1) {
            i = s.length;
            break;
          }
          let backslashes = 0;
          for (let k = quote - 1; k >= 0 && s.charCodeAt(k) === BACKSLASH; k--) backslashes++;
          i = quote + 1;
          if (backslashes % 2 === 0) this.inString = false;
          continue;
        }
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          this.depth--;
          if (this.depth === 0) {
            this.rows++;
            rows.push(parseRow(s.slice(elementStart, i + 1), this.rows));
            this.state = 'after';
          }
        } else if (this.depth === 0 && !isWhitespace(c)) {
          throw new MalformedContentError(this.rows + 1, 'expected an object');
        }
        i++;
        continue;
      }
      if (isWhitespace(c)) {
        i++;
        continue;
      }
      if (this.state === 'start') {
        if (c !== OPEN_BRACKET) throw new MalformedContentError(1, 'expected a JSON array');
        this.state = 'after';
        this.expectValue = true;
        i++;
        continue;
      }
      if (this.state === 'done') {
        throw new MalformedContentError(
          Math.max(1, this.rows),
          'unexpected content after the array',
        );
      }
      if (c === CLOSE_BRACKET && (this.rows === 0 || !this.expectValue)) {
        this.state = 'done';
        i++;
        continue;
      }
      if (this.expectValue) {
        if (c !== OPEN_BRACE) throw new MalformedContentError(this.rows + 1, 'expected an object');
        this.state = 'value';
        this.expectValue = false;
        elementStart = i;
        continue;
      }
      if (c !== COMMA) {
        throw new MalformedContentError(this.rows + 1, 'expected "," or "]" between rows');
      }
      this.expectValue = true;
      i++;
    }
    if (this.state === 'value') {
      this.buffer = s.slice(elementStart);
      this.scanFrom = i - elementStart;
    } else {
      this.buffer = '';
      this.scanFrom = 0;
    }
    return rows;
  }

  private expectValue = false;
}

/** Rows from JSON Lines text pushed chunk by chunk: one object per line, blank lines skipped. */
export class JsonlDecoder implements RowDecoder {
  private rest = '';
  private line = 0;

  push(text: string): Row[] {
    const rows: Row[] = [];
    let from = 0;
    const s = this.rest.length === 0 ? text : this.rest + text;
    for (;;) {
      const newline = s.indexOf('\n', from);
      if (newline === -1) break;
      this.line++;
      if (!blankLine(s, from, newline)) rows.push(parseRow(s.slice(from, newline), this.line));
      from = newline + 1;
    }
    this.rest = s.slice(from);
    return rows;
  }

  end(): Row[] {
    this.line++;
    const rest = this.rest;
    this.rest = '';
    return blankLine(rest, 0, rest.length) ? [] : [parseRow(rest, this.line)];
  }
}

function blankLine(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhitespace(s.charCodeAt(i))) return false;
  return true;
}

/** A JSON array of the rows, one per line. */
export async function* writeJson(rows: AsyncIterable<Row>): AsyncGenerator<string> {
  let batch = '[';
  let first = true;
  for await (const row of rows) {
    batch += (first ? '\n' : ',\n') + rowJson(row);
    first = false;
    if (batch.length >= 65536) {
      yield batch;
      batch = '';
    }
  }
  yield batch + (first ? ']\n' : '\n]\n');
}

/** JSON Lines: one row per line. */
export async function* writeJsonl(rows: AsyncIterable<Row>): AsyncGenerator<string> {
  let batch = '';
  for await (const row of rows) {
    batch += rowJson(row) + '\n';
    if (batch.length >= 65536) {
      yield batch;
      batch = '';
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * A row as JSON. A replacer slows JSON.stringify down several times, so it is used only for the
 * rows that need it (JSON.stringify throws on a bigint).
 */
export function rowJson(row: Row): string {
  try {
    return JSON.stringify(row);
  } catch {
    return JSON.stringify(row, jsonSafe);
  }
}

/** Parquet gives 64-bit integers as bigint, which JSON cannot hold: numbers when exact, else text. */
export function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}
