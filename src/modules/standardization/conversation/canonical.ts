/** The roles of the canonical conversation format. */
export const CANONICAL_ROLES = ['system', 'user', 'assistant'] as const;
export type CanonicalRole = (typeof CANONICAL_ROLES)[number];

export interface CanonicalMessage {
  role: CanonicalRole;
  content: string;
  /** ISO 8601, when the source had one. */
  timestamp?: string;
  /** What the source said about the turn beyond role and content (name, original role, ...). */
  metadata?: Record<string, unknown>;
}

/** The one conversation format everything is standardized into. */
export interface CanonicalConversation {
  /** Given by the source, or derived from the content (the same content gives the same id). */
  conversationId: string;
  /** The template the conversation was read from (`sharegpt`, `alpaca`, ...). */
  source: string;
  messages: CanonicalMessage[];
  /** The source record's other fields, and anything a conversion had to set aside. */
  metadata: Record<string, unknown>;
  /** ISO 8601: the source's creation time when it had one, else the time of standardization. */
  createdAt: string;
}

/** A record as it arrives: a JSON object. */
export type SourceRecord = Record<string, unknown>;

/** A record that cannot be converted: a stable code and a message that quotes no content. */
export class ConversionError extends Error {
  constructor(
    readonly code: ConversionErrorCode,
    message: string,
    readonly field?: string,
    /** The offending value, for a validation report to show (truncated there); never logged. */
    readonly value?: unknown,
  ) {
    super(message);
    this.name = 'ConversionError';
  }
}

export type ConversionErrorCode =
  | 'unknown-template'
  | 'missing-field'
  | 'type-error'
  | 'invalid-role'
  | 'empty-message'
  | 'no-messages'
  | 'invalid-mapping';
