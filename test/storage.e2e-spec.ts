import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { KeyRing } from '../src/infra/storage/encryption/key-ring';
import { LocalEncryptedStore } from '../src/infra/storage/local-encrypted-store';
import { freshDataDir } from './support/test-app';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Every byte of every file under a directory. */
function allBytes(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name))),
  );
}

describe('encrypted local object store', () => {
  it('streams an object in and out unchanged, with its size and SHA-256', async () => {
    const store = new LocalEncryptedStore(freshDataDir(), new KeyRing([k1]));
    const plain = randomBytes(3 * 1024 * 1024 + 123);
    const stored = await store.write(
      'obj1',
      Readable.from([plain.subarray(0, 1000), plain.subarray(1000)]),
    );
    expect(stored).toMatchObject({
      sizeBytes: plain.length,
      sha256: createHash('sha256').update(plain).digest('hex'),
      wrappedKey: { keyId: 'k1' },
    });
    expect(await readAll(store.read('obj1', stored.wrappedKey))).toEqual(plain);
  });

  it('never puts the plaintext on disk', async () => {
    const dataDir = freshDataDir();
    const store = new LocalEncryptedStore(dataDir, new KeyRing([k1]));
    await store.write(
      'phi',
      Readable.from([Buffer.from('Patient canary-phi-2024 said '.repeat(2000))]),
    );
    expect(allBytes(dataDir).includes(Buffer.from('canary-phi-2024'))).toBe(false);
  });

  it('leaves nothing behind when the source fails half-way', async () => {
    const dataDir = freshDataDir();
    const store = new LocalEncryptedStore(dataDir, new KeyRing([k1]));
    const failing = new Readable({
      read() {
        this.push(randomBytes(200_000));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.write('broken', failing)).rejects.toThrow('client went away');
    expect(readdirSync(join(dataDir, 'objects'))).toEqual([]);
    expect(await store.exists('broken')).toBe(false);
  });

  it('rejects, without crashing, a source that failed before writing began', async () => {
    const dataDir = freshDataDir();
    const store = new LocalEncryptedStore(dataDir, new KeyRing([k1]));
    const failed = new Readable({ read() {} });
    const writing = store.write('early', failed);
    failed.destroy(new Error('gone before the file opened'));
    await expect(writing).rejects.toThrow('gone before the file opened');
    expect(readdirSync(join(dataDir, 'objects'))).toEqual([]);
  });

  it('reports an altered or truncated file instead of returning wrong bytes', async () => {
    const dataDir = freshDataDir();
    const store = new LocalEncryptedStore(dataDir, new KeyRing([k1]));
    const { wrappedKey } = await store.write('obj', Readable.from([randomBytes(300_000)]));
    const file = join(dataDir, 'objects', 'obj');
    const bytes = readFileSync(file);
    bytes[100_000] ^= 0xff;
    writeFileSync(file, bytes);
    await expect(readAll(store.read('obj', wrappedKey))).rejects.toThrow(/failed authentication/);

    const { wrappedKey: key2 } = await store.write('obj2', Readable.from([randomBytes(300_000)]));
    truncateSync(
      join(dataDir, 'objects', 'obj2'),
      statSync(join(dataDir, 'objects', 'obj2')).size - 70_000,
    );
    await expect(readAll(store.read('obj2', key2))).rejects.toThrow(
      /failed authentication|truncated/,
    );
  });

  it('reads a range at an offset', async () => {
    const store = new LocalEncryptedStore(freshDataDir(), new KeyRing([k1]));
    const plain = randomBytes(500_000);
    const { wrappedKey } = await store.write('obj', Readable.from([plain]));
    expect(await store.readRange('obj', wrappedKey, 123_456, 70_000)).toEqual(
      plain.subarray(123_456, 193_456),
    );
  });

  it('keeps objects readable across key rotation (rewrap without re-encrypting)', async () => {
    const dataDir = freshDataDir();
    const plain = randomBytes(100_000);
    const before = new LocalEncryptedStore(dataDir, new KeyRing([k1]));
    const { wrappedKey } = await before.write('obj', Readable.from([plain]));
    const contentBefore = readFileSync(join(dataDir, 'objects', 'obj'));

    const rotatedRing = new KeyRing([k2, k1]);
    const rewrapped = rotatedRing.rewrap(wrappedKey);
    const onlyNewKey = new LocalEncryptedStore(dataDir, new KeyRing([k2]));
    expect(rewrapped.keyId).toBe('k2');
    expect(await readAll(onlyNewKey.read('obj', rewrapped))).toEqual(plain);
    expect(readFileSync(join(dataDir, 'objects', 'obj'))).toEqual(contentBefore);
  });

  it('deletes objects, and removes partial writes and unreferenced objects after a crash', async () => {
    const dataDir = freshDataDir();
    const store = new LocalEncryptedStore(dataDir, new KeyRing([k1]));
    await store.write('keep', Readable.from([Buffer.from('a')]));
    await store.write('gone', Readable.from([Buffer.from('b')]));
    await store.write('stray', Readable.from([Buffer.from('c')]));
    writeFileSync(join(dataDir, 'objects', '.partial-crashed-abc'), 'x');
    await store.delete('gone');
    await store.delete('gone');
    expect(await store.exists('gone')).toBe(false);
    expect(
      await store.removeOrphans(async (ids) => new Set(ids.filter((id) => id === 'keep'))),
    ).toBe(2);
    expect(readdirSync(join(dataDir, 'objects'))).toEqual(['keep']);
  });

  it('refuses object ids that could escape its folder', async () => {
    const store = new LocalEncryptedStore(freshDataDir(), new KeyRing([k1]));
    await expect(store.write('../etc', Readable.from([Buffer.from('x')]))).rejects.toThrow(
      'invalid object id',
    );
  });
});
