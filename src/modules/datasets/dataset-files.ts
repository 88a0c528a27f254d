import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { WrappedKey } from '../../infra/storage/encryption/key-ring';
import {
  type ObjectStore,
  type StoredObject,
  type VerifyObject,
} from '../../infra/storage/local-encrypted-store';
import { OBJECT_STORE } from '../../infra/storage/storage.module';
import type { PlainSource } from './formats/format';
import type { Dataset } from './entities/dataset.entity';

/** Dataset files in the encrypted object store (object id = dataset id). */
@Injectable()
export class DatasetFiles {
  constructor(@Inject(OBJECT_STORE) private readonly store: ObjectStore) {}

  write(id: string, content: Readable, verify?: VerifyObject): Promise<StoredObject> {
    return this.store.write(id, content, verify);
  }

  /** The plaintext of a dataset's file, for the row readers (decrypted as it is read). */
  source(dataset: Pick<Dataset, 'id' | 'sizeBytes' | 'keyId' | 'wrappedKey'>): PlainSource {
    const key: WrappedKey = { keyId: dataset.keyId, wrapped: dataset.wrappedKey };
    return {
      sizeBytes: Number(dataset.sizeBytes),
      stream: () => this.store.read(dataset.id, key),
      readRange: (offset, length) => this.store.readRange(dataset.id, key, offset, length),
    };
  }

  delete(id: string): Promise<void> {
    return this.store.delete(id);
  }

  removeOrphans(referenced: (ids: string[]) => Promise<Set<string>>, minAgeMs: number) {
    return this.store.removeOrphans(referenced, minAgeMs);
  }
}
