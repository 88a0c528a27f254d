import { CsvRowDecoder, writeCsv } from './csv';
import {
  type ColumnShape,
  type DatasetFormat,
  MalformedContentError,
  type PlainSource,
  type ReadHints,
  type Row,
  type RowDecoder,
} from './format';
import { JsonArraySplitter, JsonlDecoder, writeJson, writeJsonl } from './json';
import { readParquetRows, writeParquet } from './parquet';
import { decodeText, EncodingError } from './text-decoding';

/**
 * The rows of a file in any supported format, streamed. Errors are MalformedContentError with
 * the row number (bytes invalid in the encoding included).
 */
export async function* readRows(
  format: DatasetFormat,
  source: PlainSource,
  hints: ReadHints = {},
): AsyncGenerator<Row> {
  if (format === 'parquet') {
    yield* readParquetRows(source);
    return;
  }
  const decoder = rowDecoder(format, hints);
  let count = 0;
  try {
    for await (const text of decodeText(source.stream(), hints.encoding ?? 'utf-8')) {
      for (const row of decoder.push(text)) {
        count++;
        yield row;
      }
    }
    yield* decoder.end();
  } catch (error) {
    if (error instanceof EncodingError) {
      throw new MalformedContentError(count + 1, `the file has ${error.message}`);
    }
    throw error;
  }
}

/** The incremental decoder of a text format. */
export function rowDecoder(
  format: Exclude<DatasetFormat, 'parquet'>,
  hints: ReadHints,
): RowDecoder {
  if (format === 'csv') return new CsvRowDecoder(hints.delimiter ?? ',');
  return format === 'json' ? new JsonArraySplitter() : new JsonlDecoder();
}

/** The bytes of a file of `format` holding `rows`; `columns` fixes CSV and Parquet columns. */
export async function* writeRows(
  format: DatasetFormat,
  rows: AsyncIterable<Row>,
  columns: readonly ColumnShape[],
): AsyncGenerator<Buffer> {
  if (format === 'parquet') {
    yield* writeParquet(rows, columns);
    return;
  }
  const text =
    format === 'csv'
      ? writeCsv(
          rows,
          columns.map((column) => column.name),
        )
      : format === 'json'
        ? writeJson(rows)
        : writeJsonl(rows);
  for await (const chunk of text) yield Buffer.from(chunk, 'utf8');
}

/** A PlainSource over bytes in memory (tests, inline data). */
export function memorySource(bytes: Buffer, chunkSize = 64 * 1024): PlainSource {
  return {
    sizeBytes: bytes.length,
    async *stream() {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    },
    readRange: async (offset, length) => bytes.subarray(offset, offset + length),
  };
}
