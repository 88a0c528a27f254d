import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { AuditFacts } from './audit-chain';
import { AuditRepository } from './audit.repository';

const MAX_BATCH = 500;

interface Pending {
  facts: AuditFacts;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes audit entries with group commit: an entry waits for the transaction that carries it,
 * and entries arriving while one transaction runs go together in the next. Callers await
 * `record` before answering, so an answered request always has its entry on disk.
 */
@Injectable()
export class AuditTrail implements BeforeApplicationShutdown {
  private pending: Pending[] = [];
  private flushing?: Promise<void>;

  constructor(private readonly repository: AuditRepository) {}

  record(facts: AuditFacts): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ facts, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          await this.repository.append(batch.map((entry) => entry.facts));
          for (const entry of batch) entry.resolve();
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }
}
