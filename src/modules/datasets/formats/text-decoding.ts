import type { TextEncoding } from './format';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The encoding of a text file from its first bytes: a byte-order mark decides; otherwise UTF-8
 * when the sample is valid UTF-8 (a multi-byte character cut at the sample's end is allowed
 * unless the sample is the whole file),
 * else Windows-1252, the usual encoding of spreadsheet exports that are not UTF-8.
 */
export function detectEncoding(sample: Buffer, complete = false): TextEncoding {
  if (UTF8_BOM.every((byte, i) => sample[i] === byte)) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  return isUtf8(sample, complete) ? 'utf-8' : 'windows-1252';
}

/** Valid UTF-8; unless `complete`, a character cut at the end of the sample is allowed. */
function isUtf8(sample: Buffer, complete: boolean): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(sample, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** Decodes a byte stream to text chunks; BOMs are dropped, invalid bytes are an error. */
export async function* decodeText(
  chunks: AsyncIterable<Buffer>,
  encoding: TextEncoding,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new EncodingError(encoding);
    }
  };
  for await (const chunk of chunks) {
    const text = decode(chunk);
    if (text.length > 0) yield text;
  }
  const rest = decode();
  if (rest.length > 0) yield rest;
}

/** Bytes that are not valid in the file's encoding; readers turn it into a row-numbered error. */
export class EncodingError extends Error {
  constructor(readonly encoding: TextEncoding) {
    super(`bytes that are not valid ${encoding}`);
    this.name = 'EncodingError';
  }
}
