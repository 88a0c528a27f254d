import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DecryptStream, EncryptStream, readPlaintextRange } from './encryption/chunked-cipher';
import type { KeyRing, WrappedKey } from './encryption/key-ring';

/** Checks an object's plaintext (read at offsets) before it is committed; throws to refuse it. */
export type VerifyObject = (object: {
  sizeBytes: number;
  readRange(offset: number, length: number): Promise<Buffer>;
}) => Promise<void>;

/**
 * Where encrypted objects live. The local-disk adapter below is the one implementation today; an
 * object-storage adapter offers the same methods.
 */
export interface ObjectStore {
  write(id: string, source: Readable, verify?: VerifyObject): Promise<StoredObject>;
  read(id: string, wrappedKey: WrappedKey): Readable;
  readRange(id: string, wrappedKey: WrappedKey, offset: number, length: number): Promise<Buffer>;
  exists(id: string): Promise<boolean>;
  delete(id: string): Promise<void>;
  removeOrphans(
    referenced: (ids: string[]) => Promise<Set<string>>,
    minAgeMs?: number,
  ): Promise<number>;
}

export interface StoredObject {
  /** Plaintext size in bytes. */
  sizeBytes: number;
  /** SHA-256 of the plaintext, hex. */
  sha256: string;
  /** The object's own data key, wrapped by the key ring. */
  wrappedKey: WrappedKey;
}

const TEMP_PREFIX = '.partial-';
const OBJECT_ID = /^[A-Za-z0-9_-]{1,128}$/;
const ORPHAN_BATCH = 1000;

/**
 * Objects on local disk under DATA_DIR/objects, each encrypted with its own data key as it
 * streams in (plaintext never reaches the disk). A write goes to a temporary file that is renamed
 * into place only when complete, so an object is there whole or not at all; temporary files left
 * by a crash are removed by `removeOrphans`. An object-storage adapter can offer the same methods.
 */
export class LocalEncryptedStore implements ObjectStore {
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly keys: KeyRing,
  ) {
    this.root = join(dataDir, 'objects');
  }

  async write(id: string, source: Readable, verify?: VerifyObject): Promise<StoredObject> {
    // Until the pipeline listens, a source that fails (a client going away) must not crash the
    // process; the pipeline then finds it errored and rejects with its error.
    const early = () => undefined;
    source.on('error', early);
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    const target = this.path(id);
    const { dataKey, wrapped: wrappedKey } = this.keys.newDataKey();
    const temp = join(this.root, `${TEMP_PREFIX}${id}-${randomBytes(6).toString('hex')}`);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        callback(null, chunk);
      },
    });
    const out = createWriteStream(temp, { mode: 0o600, flush: true, highWaterMark: 1 << 20 });
    try {
      // The file exists once open; waiting for it means a failure below never races its creation.
      await once(out, 'ready');
      await pipeline(source, measure, new EncryptStream(dataKey), out);
      source.off('error', early);
      if (verify) {
        await verify({
          sizeBytes,
          readRange: (offset, length) => this.readFileRange(temp, dataKey, offset, length),
        });
      }
      await rename(temp, target);
    } catch (error) {
      if (!out.closed) {
        out.destroy();
        await once(out, 'close').catch(() => undefined);
      }
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return { sizeBytes, sha256: hash.digest('hex'), wrappedKey };
  }

  /** The plaintext as a stream; it errors (instead of yielding wrong bytes) if the file was altered. */
  read(id: string, wrappedKey: WrappedKey): Readable {
    const output = new PassThrough();
    pipeline(
      createReadStream(this.path(id)),
      new DecryptStream(this.keys.unwrap(wrappedKey)),
      output,
    ).catch((error: Error) => output.destroy(error));
    return output;
  }

  async readRange(
    id: string,
    wrappedKey: WrappedKey,
    offset: number,
    length: number,
  ): Promise<Buffer> {
    return this.readFileRange(this.path(id), this.keys.unwrap(wrappedKey), offset, length);
  }

  private async readFileRange(
    path: string,
    dataKey: Buffer,
    offset: number,
    length: number,
  ): Promise<Buffer> {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const readAt = async (position: number, bytes: number) => {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await file.read(buffer, 0, bytes, position);
        return buffer.subarray(0, bytesRead);
      };
      return await readPlaintextRange(dataKey, readAt, size, offset, length);
    } finally {
      await file.close();
    }
  }

  async exists(id: string): Promise<boolean> {
    return stat(this.path(id)).then(
      () => true,
      () => false,
    );
  }

  async delete(id: string): Promise<void> {
    await unlink(this.path(id)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /**
   * Removes partial writes and objects nobody references (left by a crash); returns how many.
   * Only files untouched for `minAgeMs` go, so another process's upload in flight is left alone.
   * `referenced` answers for a batch of ids at once (one query, not one per file).
   */
  async removeOrphans(
    referenced: (ids: string[]) => Promise<Set<string>>,
    minAgeMs = 0,
  ): Promise<number> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const cutoff = Date.now() - minAgeMs;
    const old: string[] = [];
    for (const name of names) {
      const modified = await stat(join(this.root, name)).then(
        (info) => info.mtimeMs,
        () => Infinity,
      );
      if (modified <= cutoff) old.push(name);
    }
    const orphans = old.filter((name) => name.startsWith(TEMP_PREFIX));
    const objects = old.filter((name) => !name.startsWith(TEMP_PREFIX));
    for (let i = 0; i < objects.length; i += ORPHAN_BATCH) {
      const batch = objects.slice(i, i + ORPHAN_BATCH);
      const kept = await referenced(batch);
      orphans.push(...batch.filter((name) => !kept.has(name)));
    }
    for (const name of orphans) await unlink(join(this.root, name)).catch(() => undefined);
    return orphans.length;
  }

  private path(id: string): string {
    if (!OBJECT_ID.test(id)) throw new Error(`invalid object id ${JSON.stringify(id)}`);
    return join(this.root, id);
  }
}
