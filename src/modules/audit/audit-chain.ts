import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** What an audit entry says: never content, PHI or tokens. */
export interface AuditFacts {
  org: string;
  occurredAt: Date;
  actorSub: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: number;
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
}

export interface ChainedFacts extends AuditFacts {
  seq: number;
  prevHash: string;
  hash: string;
}

/** SHA-256 over the entry's facts, its position and the previous hash, in a fixed field order. */
export function chainHash(facts: AuditFacts, seq: number, prevHash: string): string {
  const canonical = JSON.stringify([
    facts.org,
    seq,
    facts.occurredAt.toISOString(),
    facts.actorSub,
    facts.actorRole,
    facts.action,
    facts.resourceType,
    facts.resourceId,
    facts.outcome,
    facts.requestId,
    facts.clientIp,
    facts.userAgent,
    prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends entries to a chain whose last entry had `seq` and `hash`. */
export function extendChain(
  last: { seq: number; hash: string } | undefined,
  entries: AuditFacts[],
): ChainedFacts[] {
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  return entries.map((facts) => {
    seq += 1;
    const hash = chainHash(facts, seq, prevHash);
    const chained = { ...facts, seq, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

export type ChainBreak = { seq: number; id: string; reason: string };

/**
 * Checks entries given in chain order, continuing from `previous`: each must follow the previous
 * one (seq + 1, prevHash = previous hash) and hash to its stored hash.
 */
export function findBreak(
  previous: { seq: number; hash: string } | undefined,
  entries: (ChainedFacts & { id: string })[],
): ChainBreak | undefined {
  let seq = previous?.seq ?? 0;
  let hash = previous?.hash ?? GENESIS_HASH;
  for (const entry of entries) {
    if (entry.seq !== seq + 1) {
      return {
        seq: entry.seq,
        id: entry.id,
        reason: `expected entry ${seq + 1}, found ${entry.seq}`,
      };
    }
    if (entry.prevHash !== hash) {
      return { seq: entry.seq, id: entry.id, reason: 'does not link to the previous entry' };
    }
    if (chainHash(entry, entry.seq, entry.prevHash) !== entry.hash) {
      return { seq: entry.seq, id: entry.id, reason: 'content does not match its hash' };
    }
    seq = entry.seq;
    hash = entry.hash;
  }
  return undefined;
}
