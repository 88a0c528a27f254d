import { Injectable } from '@nestjs/common';
import { KeyRing } from '../../infra/storage/encryption/key-ring';
import { DatasetsRepository } from './datasets.repository';

export interface RotationReport {
  currentKeyId: string;
  rewrapped: number;
  /** Data keys wrapped by a key that is no longer in ENCRYPTION_KEYS: left as they are. */
  unreadable: string[];
}

const BATCH = 200;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Key rotation: every dataset's data key is re-wrapped under the first key of ENCRYPTION_KEYS.
 * Content is not re-encrypted (the data keys do not change), so it takes milliseconds per
 * dataset whatever its size; afterwards the old key can be removed from the ring.
 */
@Injectable()
export class KeyRotation {
  constructor(
    private readonly keys: KeyRing,
    private readonly datasets: DatasetsRepository,
  ) {}

  async rotate(): Promise<RotationReport> {
    const currentKeyId = this.keys.currentKeyId;
    const report: RotationReport = { currentKeyId, rewrapped: 0, unreadable: [] };
    let afterId = NIL_UUID;
    for (;;) {
      const batch = await this.datasets.wrappedByOtherKeys(currentKeyId, afterId, BATCH);
      if (batch.length === 0) return report;
      for (const dataset of batch) {
        let next;
        try {
          next = this.keys.rewrap({ keyId: dataset.keyId, wrapped: dataset.wrappedKey });
        } catch {
          report.unreadable.push(dataset.id);
          continue;
        }
        const replaced = await this.datasets.replaceWrappedKey(dataset.id, dataset.wrappedKey, {
          keyId: next.keyId,
          wrappedKey: next.wrapped,
        });
        if (replaced) report.rewrapped++;
      }
      afterId = batch[batch.length - 1].id;
    }
  }
}
