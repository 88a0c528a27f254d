import { createHash } from 'node:crypto';
import type { CanonicalMessage } from './canonical';

/**
 * An id derived from the content: the same roles and texts give the same id on every run, so a
 * re-standardized dataset keeps its ids (and duplicates share one).
 */
export function contentConversationId(messages: readonly CanonicalMessage[]): string {
  const hash = createHash('sha256');
  for (const message of messages) hash.update(`${message.role}\u0000${message.content}\u0001`);
  return `conv_${hash.digest('hex').slice(0, 24)}`;
}
