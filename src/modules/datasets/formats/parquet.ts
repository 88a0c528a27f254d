import { type AsyncBuffer, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { type BasicType, ByteWriter, parquetWriteRows } from 'hyparquet-writer';
import { type ColumnShape, MalformedContentError, type PlainSource, type Row } from './format';

const PARQUET_MAGIC = 'PAR1';

type RandomAccess = Pick<PlainSource, 'sizeBytes' | 'readRange'>;

/** The plaintext as hyparquet's random-access buffer: every slice is a decrypting range read. */
function asAsyncBuffer(source: RandomAccess): AsyncBuffer {
  return {
    byteLength: source.sizeBytes,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const bytes = await source.readRange(start, (end ?? source.sizeBytes) - start);
      return bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
    },
  };
}

async function readMetadata(file: AsyncBuffer) {
  if (file.byteLength < 12) throw new MalformedContentError(1, 'the Parquet file is truncated');
  const tail = Buffer.from(await file.slice(file.byteLength - 4));
  if (tail.toString('latin1') !== PARQUET_MAGIC) {
    throw new MalformedContentError(1, 'the Parquet file is truncated (no footer)');
  }
  try {
    return await parquetMetadataAsync(file);
  } catch {
    throw new MalformedContentError(1, 'the Parquet footer cannot be read');
  }
}

/** Checks that a Parquet file is whole: magic at both ends and a readable footer. Returns its row count. */
export async function checkParquet(source: RandomAccess): Promise<number> {
  const metadata = await readMetadata(asAsyncBuffer(source));
  return Number(metadata.num_rows);
}

/** Rows of a Parquet file, one row group at a time (memory holds one group). */
export async function* readParquetRows(source: PlainSource): AsyncGenerator<Row> {
  const file = asAsyncBuffer(source);
  const metadata = await readMetadata(file);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Row[];
    try {
      rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors });
    } catch (error) {
      if (error instanceof MalformedContentError) throw error;
      throw new MalformedContentError(rowStart + 1, 'a row group cannot be decoded');
    }
    for (const row of rows) yield plainRow(row);
    rowStart = rowEnd;
  }
}

/**
 * Parquet values as the other formats can hold them: timestamps and dates as ISO 8601 text,
 * binary as base64 (64-bit integers stay bigint until written; see jsonSafe).
 */
function plainRow(row: Row): Row {
  for (const key in row) {
    const value = row[key];
    if (value instanceof Date) row[key] = value.toISOString();
    else if (value instanceof Uint8Array) row[key] = Buffer.from(value).toString('base64');
  }
  return row;
}

const PARQUET_TYPES: Record<ColumnShape['type'], BasicType> = {
  string: 'STRING',
  integer: 'INT64',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  object: 'JSON',
  array: 'JSON',
  mixed: 'JSON',
  null: 'STRING',
};

function parquetValue(value: unknown, type: BasicType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'INT64') return BigInt(value as number | bigint);
  return value;
}

/** A hyparquet writer that hands each finished row group to the consumer and waits for it. */
class ChunkWriter extends ByteWriter {
  constructor(private readonly sink: (bytes: Buffer) => Promise<void>) {
    super(1 << 20);
  }

  flush(): Promise<void> {
    const bytes = Buffer.from(this.buffer.slice(0, this.index));
    this.index = 0;
    return this.sink(bytes);
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}

/**
 * A Parquet file (snappy, row groups of `rowGroupSize`) of rows with the given columns, produced
 * row group by row group so memory holds one group.
 */
export async function* writeParquet(
  rows: AsyncIterable<Row>,
  columns: readonly ColumnShape[],
  rowGroupSize = 10_000,
): AsyncGenerator<Buffer> {
  const types = columns.map((column) => PARQUET_TYPES[column.type]);
  const pending: Buffer[] = [];
  let wake: (() => void) | undefined;
  let consumed: (() => void) | undefined;
  let finished = false;
  let failure: unknown;
  const writer = new ChunkWriter(
    (bytes) =>
      new Promise<void>((resolve) => {
        pending.push(bytes);
        consumed = resolve;
        wake?.();
      }),
  );
  const converted = (async function* () {
    for await (const row of rows) {
      const out: Row = {};
      for (let i = 0; i < columns.length; i++) {
        out[columns[i].name] = parquetValue(row[columns[i].name], types[i]);
      }
      yield out;
    }
  })();
  const done = Promise.resolve(
    parquetWriteRows({
      writer,
      rows: converted,
      columns: columns.map((column, i) => ({ name: column.name, type: types[i], nullable: true })),
      rowGroupSize,
    }),
  )
    .catch((error: unknown) => {
      failure = error;
    })
    .finally(() => {
      finished = true;
      wake?.();
    });
  for (;;) {
    if (pending.length > 0) {
      yield* pending.splice(0);
      consumed?.();
      continue;
    }
    if (finished) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  await done;
  if (failure !== undefined) throw failure;
}
