/** The dataset file formats the service reads and writes. */
export const DATASET_FORMATS = ['csv', 'json', 'jsonl', 'parquet'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** One record of a dataset: column name to value. */
export type Row = Record<string, unknown>;

/** Turns text pushed chunk by chunk into rows; `end` flushes and checks the file ended whole. */
export interface RowDecoder {
  push(text: string): Row[];
  end(): Row[];
}

/** How a file is read: what detection found at upload. */
export interface ReadHints {
  encoding?: TextEncoding;
  delimiter?: CsvDelimiter;
}

/**
 * The plaintext of a stored file: streamed front to back, or read at an offset (Parquet keeps its
 * index at the end). Implemented over the decrypting reader; nothing is written to disk.
 */
export interface PlainSource {
  readonly sizeBytes: number;
  stream(): AsyncIterable<Buffer>;
  readRange(offset: number, length: number): Promise<Buffer>;
}

/** Content that does not parse: which row (1-based, data rows) and why. The value is never included. */
export class MalformedContentError extends Error {
  constructor(
    readonly row: number,
    readonly reason: string,
  ) {
    super(`row ${row}: ${reason}`);
    this.name = 'MalformedContentError';
  }
}

/** A column as writers need it: its name and the kind of values it holds. */
export interface ColumnShape {
  name: string;
  type: ValueKind;
}

/** The JSON kind of a column's values; `mixed` when several kinds occur, `null` when only nulls. */
export type ValueKind =
  'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'mixed' | 'null';

export function kindOf(value: unknown): Exclude<ValueKind, 'mixed'> {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'bigint':
      return 'integer';
    case 'boolean':
      return 'boolean';
    default:
      return Array.isArray(value) ? 'array' : 'object';
  }
}

/** The kind of a column that held values of kinds `a` and `b`. */
export function mergeKinds(a: ValueKind, b: ValueKind): ValueKind {
  if (a === b || b === 'null') return a;
  if (a === 'null') return b;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return 'mixed';
}
