import type { CanonicalConversation, CanonicalMessage } from './canonical';

export const TARGET_FORMATS = ['canonical', 'chatml', 'sharegpt', 'alpaca'] as const;
export type TargetFormat = (typeof TARGET_FORMATS)[number];

export interface TargetRecord {
  record: Record<string, unknown>;
  /** What the target could not hold in its own fields and was kept under `metadata` instead. */
  movedToMetadata: string[];
}

const SHAREGPT_FROM = { system: 'system', user: 'human', assistant: 'gpt' } as const;

/** The conversation's identity and metadata, as every non-canonical target carries them. */
function carried(conversation: CanonicalConversation): Record<string, unknown> {
  return {
    ...conversation.metadata,
    conversationId: conversation.conversationId,
    source: conversation.source,
    createdAt: conversation.createdAt,
  };
}

/** Per-message timestamps and metadata, which chat formats have no place for. */
function messageExtras(messages: readonly CanonicalMessage[]) {
  const extras = messages.map((message) =>
    message.timestamp === undefined && message.metadata === undefined
      ? null
      : { timestamp: message.timestamp, metadata: message.metadata },
  );
  return extras.some((extra) => extra !== null) ? extras : undefined;
}

/** Whether alpaca (optional system, then user/assistant pairs) can hold the messages. */
function alpacaShaped(messages: readonly CanonicalMessage[]): boolean {
  const turns = messages[0]?.role === 'system' ? messages.slice(1) : messages;
  if (turns.length === 0 || turns.length % 2 !== 0) return false;
  return turns.every((message, i) => message.role === (i % 2 === 0 ? 'user' : 'assistant'));
}

/**
 * A canonical conversation in a target format. Lossless where the target allows; what it cannot
 * hold (ids, per-turn timestamps and metadata, turn orders alpaca cannot express) goes under
 * `metadata`, and `movedToMetadata` says what.
 */
export function toTarget(conversation: CanonicalConversation, target: TargetFormat): TargetRecord {
  if (target === 'canonical') return { record: { ...conversation }, movedToMetadata: [] };
  const metadata = carried(conversation);
  const moved = ['conversationId', 'source', 'createdAt'];
  const extras = messageExtras(conversation.messages);
  if (extras) {
    metadata.messageExtras = extras;
    moved.push('messageExtras');
  }
  if (target === 'chatml') {
    const messages = conversation.messages.map(({ role, content }) => ({ role, content }));
    return { record: { messages, metadata }, movedToMetadata: moved };
  }
  if (target === 'sharegpt') {
    const conversations = conversation.messages.map(({ role, content }) => ({
      from: SHAREGPT_FROM[role],
      value: content,
    }));
    return {
      record: { id: conversation.conversationId, conversations, metadata },
      movedToMetadata: moved,
    };
  }
  const messages = conversation.messages;
  if (!alpacaShaped(messages)) {
    // Alpaca cannot express this turn order: the first user turn and the first answer after it
    // fill its fields (an answer said before the question is no answer to it), and the whole
    // conversation is kept under metadata so nothing is lost.
    const asked = messages.findIndex((message) => message.role === 'user');
    const user = asked === -1 ? '' : messages[asked].content;
    const answered =
      asked === -1 ? -1 : messages.findIndex((m, i) => i > asked && m.role === 'assistant');
    const assistant = answered === -1 ? '' : messages[answered].content;
    metadata.messages = messages.map(({ role, content }) => ({ role, content }));
    return {
      record: { instruction: user, input: '', output: assistant, metadata },
      movedToMetadata: [...moved, 'messages'],
    };
  }
  const system = messages[0].role === 'system' ? messages[0].content : undefined;
  const turns = system === undefined ? messages : messages.slice(1);
  const history: [string, string][] = [];
  for (let i = 0; i < turns.length - 2; i += 2)
    history.push([turns[i].content, turns[i + 1].content]);
  const record: Record<string, unknown> = {
    instruction: turns[turns.length - 2].content,
    input: '',
    output: turns[turns.length - 1].content,
  };
  if (system !== undefined) record.system = system;
  if (history.length > 0) record.history = history;
  record.metadata = metadata;
  return { record, movedToMetadata: moved };
}
