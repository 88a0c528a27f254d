import {
  type CsvDelimiter,
  CSV_DELIMITERS,
  MalformedContentError,
  type Row,
  type RowDecoder,
} from './format';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * RFC 4180 CSV, parsed incrementally: text goes in chunk by chunk, complete records come out.
 * Quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF and CR end records;
 * blank lines are skipped. A quote inside an unquoted field is kept as text (common in exports);
 * text after a closing quote, or a quote still open at the end, is malformed.
 */
export class CsvParser {
  private buffer = '';
  /** Parse again only once the buffer has grown past this, so a long field is not rescanned per chunk. */
  private retryAt = 0;
  private lineRecords = 0;
  private readonly delimiter: number;

  constructor(delimiter: CsvDelimiter = ',') {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Records completed by this chunk. */
  push(text: string): string[][] {
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    if (this.buffer.length < this.retryAt) return [];
    return this.parse(false);
  }

  /** The last records, once the input has ended. */
  end(): string[][] {
    return this.parse(true);
  }

  /** How many records (blank lines not counted) have been completed so far. */
  get recordsParsed(): number {
    return this.lineRecords;
  }

  private parse(final: boolean): string[][] {
    const s = this.buffer;
    const records: string[][] = [];
    let position = 0;
    while (position < s.length) {
      const record = this.parseRecord(s, position, final);
      if (record === undefined) break;
      position = record.next;
      if (record.fields !== undefined) {
        this.lineRecords++;
        records.push(record.fields);
      }
    }
    this.buffer = s.slice(position);
    this.retryAt = final ? 0 : Math.max(this.buffer.length * 2, 1);
    if (final && this.buffer.length > 0) {
      throw new MalformedContentError(this.lineRecords + 1, 'incomplete record at end of file');
    }
    return records;
  }

  /**
   * One record from `start`: its fields (undefined for a blank line) and where the next begins;
   * undefined when the record is not complete in the buffer yet.
   */
  private parseRecord(
    s: string,
    start: number,
    final: boolean,
  ): { fields: string[] | undefined; next: number } | undefined {
    const delimiter = this.delimiter;
    const length = s.length;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      if (i < length && s.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const quote = s.indexOf('"', from);
          if (quote === -1) {
            if (final) {
              throw new MalformedContentError(this.lineRecords + 1, 'quoted field is not closed');
            }
            return undefined;
          }
          if (quote + 1 < length && s.charCodeAt(quote + 1) === QUOTE) {
            value += s.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          if (quote + 1 === length && !final) return undefined;
          value += s.slice(from, quote);
          i = quote + 1;
          break;
        }
        fields.push(value);
        if (i === length) return { fields, next: i };
        const c = s.charCodeAt(i);
        if (c === delimiter) {
          i++;
          continue;
        }
        if (c === LF || c === CR) return this.endOfLine(s, i, final, fields);
        throw new MalformedContentError(
          this.lineRecords + 1,
          'unexpected character after a closing quote',
        );
      }
      let j = i;
      let c = 0;
      while (j < length) {
        c = s.charCodeAt(j);
        if (c === delimiter || c === LF || c === CR) break;
        j++;
      }
      if (j === length) {
        if (!final) return undefined;
        fields.push(s.slice(i, j));
        return { fields: blank(fields) ? undefined : fields, next: j };
      }
      fields.push(s.slice(i, j));
      if (c === delimiter) {
        i = j + 1;
        continue;
      }
      const end = this.endOfLine(s, j, final, fields);
      if (end === undefined) return undefined;
      return blank(fields) ? { fields: undefined, next: end.next } : end;
    }
  }

  private endOfLine(
    s: string,
    i: number,
    final: boolean,
    fields: string[],
  ): { fields: string[]; next: number } | undefined {
    if (s.charCodeAt(i) === CR) {
      if (i + 1 === s.length && !final) return undefined;
      return { fields, next: s.charCodeAt(i + 1) === LF ? i + 2 : i + 1 };
    }
    return { fields, next: i + 1 };
  }
}

function blank(fields: string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

/**
 * The delimiter of a CSV sample: the candidate that splits the first lines into the same number
 * (above one) of fields most consistently, counted outside quotes; comma when nothing does.
 */
export function detectDelimiter(sample: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const delimiter of CSV_DELIMITERS) {
    const counts = fieldCounts(sample, delimiter.charCodeAt(0), 20);
    if (counts.length === 0 || counts[0] < 2) continue;
    const consistent = counts.filter((n) => n === counts[0]).length / counts.length;
    const score = consistent * 1000 + counts[0];
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function fieldCounts(sample: string, delimiter: number, maxLines: number): number[] {
  const counts: number[] = [];
  let fields = 1;
  let quoted = false;
  for (let i = 0; i < sample.length && counts.length < maxLines; i++) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && c === delimiter) fields++;
    else if (!quoted && (c === LF || (c === CR && sample.charCodeAt(i + 1) !== LF))) {
      counts.push(fields);
      fields = 1;
    }
  }
  return counts;
}

/**
 * Column names from a header record: blanks become `column_N`, repeats get `_2`, `_3`, never
 * colliding with another column's own name.
 */
export function headerNames(fields: string[]): string[] {
  const bases = fields.map((raw, index) =>
    raw.trim() === '' ? `column_${index + 1}` : raw.trim(),
  );
  const used = new Set<string>();
  const own = new Set(bases);
  return bases.map((base) => {
    let name = base;
    for (let n = 2; used.has(name) || (name !== base && own.has(name)); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  });
}

/** Rows from CSV text pushed chunk by chunk: the first record names the columns; each record must match. */
export class CsvRowDecoder implements RowDecoder {
  private readonly parser: CsvParser;
  private header: string[] | undefined;
  private row = 0;

  constructor(delimiter: CsvDelimiter) {
    this.parser = new CsvParser(delimiter);
  }

  push(text: string): Row[] {
    return this.toRows(this.dataRows(() => this.parser.push(text)));
  }

  end(): Row[] {
    const rows = this.toRows(this.dataRows(() => this.parser.end()));
    if (this.header === undefined) throw new MalformedContentError(1, 'the file has no header row');
    return rows;
  }

  get columns(): readonly string[] {
    return this.header ?? [];
  }

  /** The parser counts the header as a record; errors name data rows, as the field check does. */
  private dataRows(parse: () => string[][]): string[][] {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof MalformedContentError)) throw error;
      throw new MalformedContentError(Math.max(1, error.row - 1), error.reason);
    }
  }

  private toRows(records: string[][]): Row[] {
    const rows: Row[] = [];
    for (const fields of records) {
      if (this.header === undefined) {
        this.header = headerNames(fields);
        continue;
      }
      const header = this.header;
      this.row++;
      if (fields.length !== header.length) {
        throw new MalformedContentError(
          this.row,
          `expected ${header.length} fields as in the header, found ${fields.length}`,
        );
      }
      const record: Row = {};
      for (let i = 0; i < header.length; i++) record[header[i]] = fields[i];
      rows.push(record);
    }
    return rows;
  }
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record; a record that would be an empty line (read back as blank) is written as `""`. */
function csvLine(values: readonly unknown[]): string {
  const line = values.map(csvField).join(',');
  return (line === '' ? '""' : line) + '\r\n';
}

/** CSV text (comma, CRLF, quoted where needed) of rows with the given columns. */
export async function* writeCsv(
  rows: AsyncIterable<Row>,
  columns: readonly string[],
): AsyncGenerator<string> {
  yield csvLine(columns);
  let batch = '';
  for await (const row of rows) {
    batch += csvLine(columns.map((name) => row[name]));
    if (batch.length >= 65536) {
      yield batch;
      batch = '';
    }
  }
  if (batch.length > 0) yield batch;
}
