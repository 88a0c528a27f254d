import { detectDelimiter } from './csv';
import type { CsvDelimiter, DatasetFormat, TextEncoding } from './format';
import { detectEncoding } from './text-decoding';

/** How many leading bytes detection looks at. */
export const DETECTION_SAMPLE_BYTES = 64 * 1024;

export interface DetectedFormat {
  format: DatasetFormat;
  encoding?: TextEncoding;
  delimiter?: CsvDelimiter;
}

/** Content that is not one of the dataset formats (415), with what it looks like instead. */
export class UnsupportedContentError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnsupportedContentError';
  }
}

/** Content that is a dataset format but unusable as it is (400), e.g. an empty file. */
export class UnusableContentError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnusableContentError';
  }
}

const SIGNATURES: { bytes: number[]; kind: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive (or an Office document)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'an executable' },
  { bytes: [0x4d, 0x5a], kind: 'an executable' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'a legacy Office document' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], kind: 'an SQLite database' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], kind: 'a zstd archive' },
  { bytes: [0x42, 0x5a, 0x68], kind: 'a bzip2 archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], kind: 'a 7-Zip archive' },
];

const ALLOWED = 'CSV, JSON (an array of objects), JSON Lines or Parquet';

/**
 * The format of a file from its first bytes (`sample`; `complete` when that is the whole file)
 * and, only to tell JSON from JSON Lines, its name. Content decides: a renamed binary is refused
 * whatever its extension.
 */
export function detectFormat(sample: Buffer, filename = '', complete = false): DetectedFormat {
  if (sample.length === 0) throw new UnusableContentError('the file is empty');
  if (sample.subarray(0, 4).toString('latin1') === 'PAR1') return { format: 'parquet' };
  const signature = SIGNATURES.find(({ bytes }) => bytes.every((byte, i) => sample[i] === byte));
  if (signature) {
    throw new UnsupportedContentError(`the file is ${signature.kind}; expected ${ALLOWED}`);
  }
  const encoding = detectEncoding(sample, complete);
  const text = decodeSample(sample, encoding, complete);
  if (looksBinary(text)) {
    throw new UnsupportedContentError(`the file is binary data; expected ${ALLOWED}`);
  }
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.length === 0) throw new UnusableContentError('the file holds only whitespace');
  if (body.startsWith('[')) return { format: 'json', encoding };
  if (body.startsWith('{')) {
    if (/\.json$/i.test(filename) && !firstLineIsObject(body)) {
      throw new UnusableContentError(
        'a JSON file must hold an array of objects (or one object per line, JSON Lines)',
      );
    }
    return { format: 'jsonl', encoding };
  }
  return { format: 'csv', encoding, delimiter: detectDelimiter(body) };
}

function decodeSample(sample: Buffer, encoding: TextEncoding, complete: boolean): string {
  const decoder = new TextDecoder(encoding);
  return complete ? decoder.decode(sample) : decoder.decode(sample, { stream: true });
}

/** NUL characters, or more than 1% control characters other than tab, line breaks and form feed. */
function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control > text.length / 100;
}

function firstLineIsObject(body: string): boolean {
  const newline = body.indexOf('\n');
  const line = newline === -1 ? body : body.slice(0, newline);
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
