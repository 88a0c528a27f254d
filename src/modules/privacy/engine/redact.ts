import { createHmac } from 'node:crypto';
import type { EntityType, Finding } from './entities';

export const REDACT_ACTIONS = ['redact', 'mask', 'hash'] as const;
export type RedactAction = (typeof REDACT_ACTIONS)[number];

/**
 * Keyed hashing for the `hash` action: HMAC-SHA256 under the organisation's key of the entity
 * type and the value (case and spacing folded), so one person's name gives one token across an
 * organisation's datasets, and the token cannot be reversed or recomputed without the key.
 */
const NUMERIC = new Set<EntityType>([
  'PHONE_NUMBER',
  'FAX_NUMBER',
  'US_SSN',
  'CREDIT_CARD',
  'ACCOUNT_NUMBER',
  'ZIP_CODE',
]);

export class KeyedHasher {
  constructor(private readonly key: Buffer) {}

  token(entityType: EntityType, value: string): string {
    // Numbers are compared by their digits ("415-555-0132" and "(415) 555-0132" are one).
    const folded = NUMERIC.has(entityType)
      ? value.replace(/\D/g, '')
      : value.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    const digest = createHmac('sha256', this.key)
      .update(`${entityType}\u0000${folded}`)
      .digest('hex');
    return `[${entityType}:${digest.slice(0, 16)}]`;
  }
}

/**
 * The text with each finding replaced: `redact` by its type (`[PERSON]`), `mask` by as many
 * asterisks as it has characters, `hash` by its keyed token. Findings must not overlap (the
 * analyzer's output never does).
 */
export function redactText(
  text: string,
  findings: readonly Finding[],
  action: RedactAction,
  hasher?: KeyedHasher,
): string {
  if (action === 'hash' && !hasher) throw new Error('the hash action needs a keyed hasher');
  let out = '';
  let position = 0;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    if (finding.start < position) continue;
    const value = text.slice(finding.start, finding.end);
    out += text.slice(position, finding.start);
    if (action === 'redact') out += `[${finding.entityType}]`;
    else if (action === 'mask') out += '*'.repeat([...value].length);
    else out += hasher!.token(finding.entityType, value);
    position = finding.end;
  }
  return out + text.slice(position);
}
