import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DecryptStream,
  EncryptStream,
  HEADER_BYTES,
  IntegrityError,
  plaintextSize,
  parseHeader,
  readPlaintextRange,
  TAG_BYTES,
} from './chunked-cipher';

const KEY = randomBytes(32);
const CHUNK = 1024;

async function collect(source: Buffer, transform: EncryptStream | DecryptStream, pieces = 7) {
  const out: Buffer[] = [];
  const step = Math.max(1, Math.ceil(source.length / pieces));
  const parts = Array.from({ length: Math.ceil(source.length / step) }, (_, i) =>
    source.subarray(i * step, (i + 1) * step),
  );
  await pipeline(Readable.from(parts), transform, async (stream) => {
    for await (const chunk of stream) out.push(chunk as Buffer);
  });
  return Buffer.concat(out);
}

const encrypt = (plain: Buffer, key = KEY) => collect(plain, new EncryptStream(key, CHUNK));
const decrypt = (sealed: Buffer, key = KEY) => collect(sealed, new DecryptStream(key));

describe('chunked AES-256-GCM', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 10 * CHUNK + 17])(
    'round-trips %i bytes, fed in odd pieces',
    async (size) => {
      const plain = randomBytes(size);
      const sealed = await encrypt(plain);
      const chunks = Math.max(1, Math.ceil(size / CHUNK));
      expect(sealed.length).toBe(HEADER_BYTES + size + chunks * TAG_BYTES);
      expect(await decrypt(sealed)).toEqual(plain);
    },
  );

  it('never writes the plaintext', async () => {
    const plain = Buffer.from('canary-phi-123 '.repeat(500));
    const sealed = await encrypt(plain);
    expect(sealed.includes(Buffer.from('canary-phi-123'))).toBe(false);
  });

  it('detects a flipped bit', async () => {
    const sealed = await encrypt(randomBytes(3 * CHUNK));
    sealed[HEADER_BYTES + CHUNK + 5] ^= 1;
    await expect(decrypt(sealed)).rejects.toThrow(IntegrityError);
  });

  it('detects a file cut at a chunk boundary', async () => {
    const sealed = await encrypt(randomBytes(3 * CHUNK));
    const cut = sealed.subarray(0, HEADER_BYTES + 2 * (CHUNK + TAG_BYTES));
    await expect(decrypt(cut)).rejects.toThrow(/chunk 1 failed authentication/);
  });

  it('detects a file cut inside a chunk, and one with no header', async () => {
    const sealed = await encrypt(randomBytes(3 * CHUNK));
    await expect(decrypt(sealed.subarray(0, sealed.length - 100))).rejects.toThrow(IntegrityError);
    await expect(decrypt(sealed.subarray(0, 10))).rejects.toThrow(/no header/);
  });

  it('detects swapped chunks', async () => {
    const sealed = await encrypt(randomBytes(3 * CHUNK));
    const size = CHUNK + TAG_BYTES;
    const first = Buffer.from(sealed.subarray(HEADER_BYTES, HEADER_BYTES + size));
    sealed.copy(sealed, HEADER_BYTES, HEADER_BYTES + size, HEADER_BYTES + 2 * size);
    first.copy(sealed, HEADER_BYTES + size);
    await expect(decrypt(sealed)).rejects.toThrow(/chunk 0 failed authentication/);
  });

  it('refuses the wrong key', async () => {
    const sealed = await encrypt(randomBytes(100));
    await expect(decrypt(sealed, randomBytes(32))).rejects.toThrow(IntegrityError);
  });

  it('reads any range by opening only the chunks that hold it', async () => {
    const plain = randomBytes(5 * CHUNK + 300);
    const sealed = await encrypt(plain);
    const reads: number[] = [];
    const readAt = async (position: number, length: number) => {
      reads.push(position);
      return sealed.subarray(position, position + length);
    };
    expect(plaintextSize(parseHeader(sealed), sealed.length)).toBe(plain.length);
    for (const [offset, length] of [
      [0, 10],
      [CHUNK - 5, 10],
      [2 * CHUNK, CHUNK],
      [5 * CHUNK + 250, 1000],
      [plain.length, 5],
    ]) {
      const range = await readPlaintextRange(KEY, readAt, sealed.length, offset, length);
      expect(range).toEqual(plain.subarray(offset, offset + length));
    }
    reads.length = 0;
    await readPlaintextRange(KEY, readAt, sealed.length, 3 * CHUNK + 1, 2);
    expect(reads).toEqual([0, HEADER_BYTES + 3 * (CHUNK + TAG_BYTES)]);
  });

  it('detects tampering in a range read, and a missing last chunk', async () => {
    const sealed = await encrypt(randomBytes(3 * CHUNK));
    const readAt = async (position: number, length: number) =>
      sealed.subarray(position, position + length);
    const cut = HEADER_BYTES + 2 * (CHUNK + TAG_BYTES);
    await expect(readPlaintextRange(KEY, readAt, cut, CHUNK, 10)).rejects.toThrow(IntegrityError);
  });
});
