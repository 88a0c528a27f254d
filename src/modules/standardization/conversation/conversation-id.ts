import { hash } from 'node:crypto';
import type { CanonicalMessage } from './canonical';

/**
 * An id derived from the content: the same roles and texts give the same id on every run, so a
 * re-standardized dataset keeps its ids (and duplicates share one). One-shot hashing: creating a
 * Hash object per conversation cost more than hashing its text.
 */
export function contentConversationId(messages: readonly CanonicalMessage[]): string {
  let text = '';
  for (const message of messages) text += `${message.role}\u0000${message.content}\u0001`;
  // Joined, the id is one flat string of 29 characters. `conv_${hex.slice(0, 24)}` is a pair
  // of the prefix and a slice that keeps the whole 64-character digest alive: three objects
  // where a report keeps hundreds of thousands of ids, each copied by the garbage collector.
  return ['conv_', hash('sha256', text, 'hex').slice(0, 24)].join('');
}
