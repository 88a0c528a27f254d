import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Chunked AES-256-GCM for files at rest. Layout:
 *
 *   header  = "TDE1" | chunkSize (uint32 BE) | nonce prefix (8 random bytes)       16 bytes
 *   chunk i = ciphertext (chunkSize bytes, the last one shorter or empty) | tag     +16 bytes
 *
 * Chunk i is sealed with nonce = prefix | i (uint32 BE) and additional data = header | i |
 * final flag, so a chunk moved to another position, a chunk from another file, or a file cut at
 * a chunk boundary fails authentication. Each chunk can be opened on its own, which gives bounded
 * memory when streaming and reads at an offset.
 */
const MAGIC = Buffer.from('TDE1');
export const HEADER_BYTES = 16;
export const TAG_BYTES = 16;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
const MAX_CHUNKS = 2 ** 32;

export class IntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrityError';
  }
}

export interface CipherHeader {
  chunkSize: number;
  noncePrefix: Buffer;
  bytes: Buffer;
}

export function newHeader(chunkSize = DEFAULT_CHUNK_BYTES): CipherHeader {
  const bytes = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(bytes, 0);
  bytes.writeUInt32BE(chunkSize, 4);
  const noncePrefix = randomBytes(8);
  noncePrefix.copy(bytes, 8);
  return { chunkSize, noncePrefix, bytes };
}

export function parseHeader(bytes: Buffer): CipherHeader {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, 4).equals(MAGIC)) {
    throw new IntegrityError('not an encrypted file (bad header)');
  }
  const header = Buffer.from(bytes.subarray(0, HEADER_BYTES));
  const chunkSize = header.readUInt32BE(4);
  if (chunkSize < 1 || chunkSize > 16 * 1024 * 1024) {
    throw new IntegrityError('bad chunk size in header');
  }
  return { chunkSize, noncePrefix: header.subarray(8, 16), bytes: header };
}

function nonce(header: CipherHeader, index: number): Buffer {
  if (index >= MAX_CHUNKS) throw new RangeError('file too large for its chunk size');
  const value = Buffer.alloc(12);
  header.noncePrefix.copy(value, 0);
  value.writeUInt32BE(index, 8);
  return value;
}

function additionalData(header: CipherHeader, index: number, final: boolean): Buffer {
  const suffix = Buffer.alloc(9);
  suffix.writeBigUInt64BE(BigInt(index), 0);
  suffix[8] = final ? 1 : 0;
  return Buffer.concat([header.bytes, suffix]);
}

export function sealChunk(
  key: Buffer,
  header: CipherHeader,
  index: number,
  plaintext: Buffer,
  final: boolean,
): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce(header, index));
  cipher.setAAD(additionalData(header, index, final));
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

export function openChunk(
  key: Buffer,
  header: CipherHeader,
  index: number,
  sealed: Buffer,
  final: boolean,
): Buffer {
  if (sealed.length < TAG_BYTES) throw new IntegrityError(`chunk ${index} is truncated`);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce(header, index));
  decipher.setAAD(additionalData(header, index, final));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new IntegrityError(`chunk ${index} failed authentication (altered, moved or truncated)`);
  }
}

/** Encrypts a stream; memory stays within about two chunks whatever the size. */
export class EncryptStream extends Transform {
  private readonly header: CipherHeader;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;

  constructor(
    private readonly key: Buffer,
    chunkSize = DEFAULT_CHUNK_BYTES,
  ) {
    super();
    this.header = newHeader(chunkSize);
    this.push(this.header.bytes);
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending.push(data);
    this.pendingBytes += data.length;
    const size = this.header.chunkSize;
    // A full chunk is sealed as not final only once more bytes show that it is not the last one.
    if (this.pendingBytes > size) {
      let buffered = Buffer.concat(this.pending);
      while (buffered.length > size) {
        this.push(
          sealChunk(this.key, this.header, this.index++, buffered.subarray(0, size), false),
        );
        buffered = buffered.subarray(size);
      }
      this.pending = [buffered];
      this.pendingBytes = buffered.length;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.push(sealChunk(this.key, this.header, this.index, Buffer.concat(this.pending), true));
    callback();
  }
}

/** Decrypts a stream made by EncryptStream; fails on any alteration, reordering or truncation. */
export class DecryptStream extends Transform {
  private header?: CipherHeader;
  private buffered: Buffer = Buffer.alloc(0);
  private index = 0;

  constructor(private readonly key: Buffer) {
    super();
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, data]) : data;
      if (!this.header) {
        if (this.buffered.length < HEADER_BYTES) return callback();
        this.header = parseHeader(this.buffered);
        this.buffered = this.buffered.subarray(HEADER_BYTES);
      }
      const sealedSize = this.header.chunkSize + TAG_BYTES;
      // The last chunk is only known at the end, so one full chunk is always held back.
      while (this.buffered.length > sealedSize) {
        const sealed = this.buffered.subarray(0, sealedSize);
        this.push(openChunk(this.key, this.header, this.index++, sealed, false));
        this.buffered = this.buffered.subarray(sealedSize);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (!this.header) throw new IntegrityError('encrypted file is truncated (no header)');
      this.push(openChunk(this.key, this.header, this.index, this.buffered, true));
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

/** Reads `length` bytes at `position` of the encrypted file. */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

/** The plaintext size of an encrypted file of `fileSize` bytes with the given header. */
export function plaintextSize(header: CipherHeader, fileSize: number): number {
  const body = fileSize - HEADER_BYTES;
  if (body < TAG_BYTES) throw new IntegrityError('encrypted file is truncated');
  const chunks = Math.max(1, Math.ceil(body / (header.chunkSize + TAG_BYTES)));
  return body - chunks * TAG_BYTES;
}

/**
 * Decrypts `length` bytes of plaintext from `offset`, opening only the chunks that hold them
 * (Parquet readers need random access; nothing is written to disk in the clear).
 */
export async function readPlaintextRange(
  key: Buffer,
  readAt: ReadAt,
  fileSize: number,
  offset: number,
  length: number,
): Promise<Buffer> {
  const header = parseHeader(await readAt(0, HEADER_BYTES));
  const total = plaintextSize(header, fileSize);
  const end = Math.min(offset + length, total);
  if (offset < 0 || offset > total) throw new RangeError(`offset ${offset} outside 0..${total}`);
  if (end <= offset) return Buffer.alloc(0);
  const sealedSize = header.chunkSize + TAG_BYTES;
  const lastChunk = Math.max(0, Math.ceil((fileSize - HEADER_BYTES) / sealedSize) - 1);
  const parts: Buffer[] = [];
  for (let i = Math.floor(offset / header.chunkSize); i * header.chunkSize < end; i++) {
    const position = HEADER_BYTES + i * sealedSize;
    const sealed = await readAt(position, Math.min(sealedSize, fileSize - position));
    const plain = openChunk(key, header, i, sealed, i === lastChunk);
    const from = Math.max(0, offset - i * header.chunkSize);
    const to = Math.min(plain.length, end - i * header.chunkSize);
    parts.push(plain.subarray(from, to));
  }
  return Buffer.concat(parts);
}
