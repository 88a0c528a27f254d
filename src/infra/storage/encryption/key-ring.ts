import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface RingKey {
  id: string;
  key: Buffer;
}

/** A data key sealed under a key of the ring: `id` says which. */
export interface WrappedKey {
  keyId: string;
  /** base64 of nonce (12) | encrypted data key (32) | tag (16). */
  wrapped: string;
}

/**
 * Envelope encryption: every stored file has its own random data key, kept only wrapped by a
 * key of the ring (ENCRYPTION_KEYS). The first key wraps new data keys; older keys still unwrap
 * what they wrapped, and `rewrap` moves a data key to the newest key without touching content.
 * Deleting the wrapped data key makes its file unreadable for good.
 */
export class KeyRing {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: RingKey[]) {
    if (keys.length === 0) throw new Error('the key ring needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`key ${id} must be 32 bytes`);
    }
    this.byId = new Map(keys.map(({ id, key }) => [id, key]));
  }

  get currentKeyId(): string {
    return this.keys[0].id;
  }

  /** A new data key, and the same wrapped under the current key. */
  newDataKey(): { dataKey: Buffer; wrapped: WrappedKey } {
    const dataKey = randomBytes(32);
    return { dataKey, wrapped: this.wrap(dataKey) };
  }

  wrap(dataKey: Buffer): WrappedKey {
    const { id, key } = this.keys[0];
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(Buffer.from(`techdeck-data-key:${id}`));
    const sealed = Buffer.concat([
      nonce,
      cipher.update(dataKey),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return { keyId: id, wrapped: sealed.toString('base64') };
  }

  unwrap({ keyId, wrapped }: WrappedKey): Buffer {
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`key ${keyId} is not in the key ring`);
    const sealed = Buffer.from(wrapped, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(`techdeck-data-key:${keyId}`));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([
      decipher.update(sealed.subarray(12, sealed.length - 16)),
      decipher.final(),
    ]);
  }

  /** The same data key wrapped under the current key (key rotation). */
  rewrap(wrapped: WrappedKey): WrappedKey {
    return wrapped.keyId === this.currentKeyId ? wrapped : this.wrap(this.unwrap(wrapped));
  }
}
