import {
  type CanonicalConversation,
  type CanonicalMessage,
  type CanonicalRole,
  ConversionError,
  type ConversionErrorCode,
  type SourceRecord,
} from './canonical';
import { contentConversationId } from './conversation-id';
import { canonicalRole, roleMap, type RoleMap } from './roles';
import {
  bestFitEntered,
  readSoleCandidate,
  fitTemplates,
  isoTime,
  readWithTemplate,
  type SourceTemplate,
  type TemplateFit,
  typeName,
} from './source-templates';
import { isPlainText, normalizeText } from './text-normalization';
import { enterRecord, fieldNames, keyOf, leaveRecord, ownKeys } from './record-keys';

/** Which columns of flat rows hold what; `role` + `content` + `conversationId` means one row per turn. */
export interface ColumnMapping {
  user?: string;
  assistant?: string;
  system?: string;
  conversationId?: string;
  /** Columns copied into the conversation's metadata (default: every column not mapped). */
  metadata?: string[];
  role?: string;
  content?: string;
  /** Orders the turns of a conversation (numbers, or text compared as numbers when it is one). */
  turn?: string;
}

export interface StandardizeOptions {
  /** `auto` (default) detects the template of each record. */
  sourceFormat?: 'auto' | SourceTemplate;
  columnMapping?: ColumnMapping;
  /** Extra or overriding role names, e.g. `{ "coach": "assistant" }`. */
  roleMap?: Record<string, CanonicalRole>;
  /** The createdAt of conversations whose source has none. */
  now?: Date;
  /**
   * false: a conversation whose source has no id gets the empty string (and `derivedId` true)
   * instead of the id derived from its content; `contentConversationId(messages)` gives that id
   * when it is needed. The validator asks for this: it shows ids only for what it lists, and
   * deriving one hashes the whole conversation.
   */
  deriveIds?: boolean;
  /**
   * Tells whether every text of a conversation's messages (as read, before normalization; a
   * list from a JS caller may have holes) is plain as isPlainText says: then the standardizer
   * does not look again. The validator answers it from the scan of the texts it needs anyway,
   * which reads every character once for both.
   */
  plainTexts?: (messages: readonly (CanonicalMessage | undefined)[]) => boolean;
}

export type ReadTemplate = SourceTemplate | 'column_mapping' | 'multi_row';

export interface Converted {
  index: number;
  conversation: CanonicalConversation;
  template: ReadTemplate;
  confidence: number;
  /** Whether normalization repaired mojibake in some turn. */
  repaired: boolean;
  /** Whether the id was derived from the content (the source had none). */
  derivedId: boolean;
}

export interface Failed {
  index: number;
  code: ConversionErrorCode;
  message: string;
  field?: string;
  /** The offending value, when there is one (see ConversionError). */
  value?: unknown;
}

const ID_FIELDS = fieldNames(
  'conversationId',
  'conversation_id',
  'id',
  'conv_id',
  'dialogue_id',
  'session_id',
);
const TIME_FIELDS = fieldNames('createdAt', 'created_at', 'timestamp', 'date');

/**
 * Turns records of any supported shape into canonical conversations, one record at a time, so it
 * can run over a streaming row reader (multi-row conversations need their rows together: see
 * `convertTurnRows`). Plain TypeScript: no framework, no I/O.
 */
export class Standardizer {
  private readonly roles: RoleMap;
  private readonly now: string;

  constructor(private readonly options: StandardizeOptions = {}) {
    this.roles = roleMap(options.roleMap);
    this.now = (options.now ?? new Date()).toISOString();
  }

  /** How well each template fits a record, best first (for detection and its evidence). */
  fits(record: SourceRecord): TemplateFit[] {
    return fitTemplates(record, this.roles);
  }

  convert(record: unknown, index: number): Converted | Failed {
    try {
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        throw new ConversionError(
          'type-error',
          `record ${index} must be an object (got ${typeName(record)})`,
          undefined,
          record,
        );
      }
      const source = record as SourceRecord;
      enterRecord(source);
      if (this.options.columnMapping) return this.convertMapped(source, index);
      let template: SourceTemplate;
      let confidence = 1;
      if (this.options.sourceFormat && this.options.sourceFormat !== 'auto') {
        template = this.options.sourceFormat;
      } else {
        const sole = readSoleCandidate(source, this.roles);
        if (sole) {
          const { messages, used } = sole.read;
          return this.finish(source, messages, used, sole.template, 1, index);
        }
        const best = bestFitEntered(source, this.roles);
        if (!best) {
          throw new ConversionError(
            'unknown-template',
            `record ${index} matches no known template (fields: ${Object.keys(source).slice(0, 10).join(', ')})`,
          );
        }
        template = best.template;
        confidence = best.confidence;
      }
      const read = readWithTemplate(template, source, this.roles);
      return this.finish(source, read.messages, read.used, template, confidence, index);
    } catch (error) {
      return failure(error, index);
    } finally {
      leaveRecord();
    }
  }

  /**
   * Rows of one turn each, grouped by the mapping's conversation id column and ordered by its
   * turn column (stable for equal or missing turn values). Failures name the row.
   */
  convertTurnRows(rows: readonly unknown[]): (Converted | Failed)[] {
    const mapping = this.options.columnMapping ?? {};
    if (!mapping.conversationId || !mapping.role || !mapping.content) {
      return [
        failure(
          new ConversionError(
            'invalid-mapping',
            'one row per turn needs the conversationId, role and content columns',
          ),
          0,
        ),
      ];
    }
    const groups = new Map<
      string,
      { index: number; rows: { index: number; row: SourceRecord }[] }
    >();
    const results: (Converted | Failed)[] = [];
    rows.forEach((row, index) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        results.push(
          failure(new ConversionError('type-error', `row ${index} must be an object`), index),
        );
        return;
      }
      const id = (row as SourceRecord)[mapping.conversationId!];
      if (id === undefined || id === null || id === '') {
        results.push(
          failure(
            new ConversionError(
              'missing-field',
              `row ${index} has no "${mapping.conversationId}"`,
              mapping.conversationId,
            ),
            index,
          ),
        );
        return;
      }
      const key = String(id);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { index, rows: [] }));
      group.rows.push({ index, row: row as SourceRecord });
    });
    for (const [id, group] of groups) {
      try {
        const ordered = mapping.turn
          ? [...group.rows].sort((a, b) => turnOrder(a.row[mapping.turn!], b.row[mapping.turn!]))
          : group.rows;
        const messages = ordered.map(({ index, row }) => {
          const role = canonicalRole(row[mapping.role!], this.roles);
          if (!role) {
            throw new ConversionError(
              'invalid-role',
              `row ${index} has an unknown role in "${mapping.role}"`,
              mapping.role,
              row[mapping.role!],
            );
          }
          const content = row[mapping.content!];
          if (typeof content !== 'string') {
            throw new ConversionError(
              content === null || content === undefined ? 'empty-message' : 'type-error',
              `row ${index}: "${mapping.content}" must be text`,
              mapping.content,
              content,
            );
          }
          return { role, content } as CanonicalMessage;
        });
        const first = ordered[0].row;
        const used = [mapping.role, mapping.content, mapping.turn].filter(
          (key): key is string => key !== undefined,
        );
        const converted = this.finish(first, messages, used, 'multi_row', 1, group.index, id);
        results.push(converted);
      } catch (error) {
        results.push(failure(error, group.index));
      }
    }
    return results.sort((a, b) => a.index - b.index);
  }

  private convertMapped(record: SourceRecord, index: number): Converted {
    const mapping = this.options.columnMapping!;
    if (!mapping.user || !mapping.assistant) {
      throw new ConversionError(
        'invalid-mapping',
        'a column mapping needs the user and assistant columns (or conversationId, role and content for one row per turn)',
      );
    }
    const messages: CanonicalMessage[] = [];
    for (const [role, column] of [
      ['system', mapping.system],
      ['user', mapping.user],
      ['assistant', mapping.assistant],
    ] as const) {
      if (column === undefined) continue;
      const value = record[column];
      if (value === undefined) {
        if (role === 'system') continue;
        throw new ConversionError('missing-field', `the record has no "${column}" column`, column);
      }
      if (typeof value !== 'string') {
        throw new ConversionError(
          value === null ? 'empty-message' : 'type-error',
          `"${column}" must be text (got ${typeName(value)})`,
          column,
          value,
        );
      }
      if (role === 'system' && value.trim() === '') continue;
      messages.push({ role, content: value });
    }
    const used = [mapping.user, mapping.assistant, mapping.system].filter(
      (key): key is string => key !== undefined,
    );
    return this.finish(record, messages, used, 'column_mapping', 1, index);
  }

  private finish(
    record: SourceRecord,
    read: CanonicalMessage[],
    used: string[],
    template: ReadTemplate,
    confidence: number,
    index: number,
    groupId?: string,
  ): Converted {
    const carried = carriedMetadata(record);
    // Messages the template read are new objects and are normalized in place; messages carried
    // in the record's metadata belong to the caller and are copied.
    const own = carried.messages === undefined;
    const messages = carried.messages ?? read;
    let repaired = false;
    let dropped = 0;
    const plain = this.options.plainTexts?.(messages) ?? false;
    const normalized: CanonicalMessage[] = [];
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i];
      // A hole in a list from a JS caller is skipped, as forEach would.
      if (message === undefined) continue;
      let content = message.content;
      if (!plain && !isPlainText(content)) {
        const result = normalizeText(content);
        repaired ||= result.repaired;
        content = result.text;
      }
      if (content === '') {
        dropped++;
        continue;
      }
      const extra = carried.messageExtras?.[i];
      const out: CanonicalMessage = own ? message : { ...message };
      out.content = content;
      if (extra?.timestamp) out.timestamp = extra.timestamp;
      if (extra?.metadata) out.metadata = extra.metadata;
      normalized.push(out);
    }
    if (normalized.length === 0) {
      throw new ConversionError('no-messages', `record ${index} has no non-empty messages`);
    }
    const mapping = this.options.columnMapping;
    const idKey = mapping?.conversationId ?? keyOf(record, ID_FIELDS);
    const timeKey = keyOf(record, TIME_FIELDS);
    const metadata: Record<string, unknown> = {};
    const wanted = mapping?.metadata;
    for (const key of ownKeys(record)) {
      if (key === 'metadata' || key === idKey || key === timeKey || used.includes(key)) continue;
      if (!wanted || wanted.includes(key)) metadata[key] = record[key];
    }
    if (carried !== NOTHING_CARRIED) Object.assign(metadata, carried.rest);
    if (dropped > 0) metadata.droppedEmptyTurns = dropped;
    const givenId = groupId ?? idValue(idKey ? record[idKey] : undefined) ?? carried.conversationId;
    return {
      index,
      template,
      confidence,
      repaired,
      derivedId: givenId === undefined,
      conversation: {
        conversationId:
          givenId ?? (this.options.deriveIds === false ? '' : contentConversationId(normalized)),
        source:
          (template === 'canonical' && typeof record.source === 'string'
            ? record.source
            : undefined) ??
          carried.source ??
          template,
        messages: normalized,
        metadata,
        createdAt:
          (timeKey ? isoTime(record[timeKey]) : undefined) ?? carried.createdAt ?? this.now,
      },
    };
  }
}

/** What an earlier conversion to a chat format kept under `metadata` (see targets.ts). */
interface Carried {
  rest: Record<string, unknown>;
  conversationId?: string;
  source?: string;
  createdAt?: string;
  messages?: CanonicalMessage[];
  messageExtras?: ({ timestamp?: string; metadata?: Record<string, unknown> } | null)[];
}

/** What a record without `metadata` carries: nothing (shared, never changed). */
const NOTHING_CARRIED: Readonly<Carried> = Object.freeze({ rest: Object.freeze({}) });

function carriedMetadata(record: SourceRecord): Readonly<Carried> {
  const value = record.metadata;
  if (value === undefined) return NOTHING_CARRIED;
  const carried: Carried = { rest: {} };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    carried.rest.metadata = value;
    return carried;
  }
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'conversationId' && typeof entry === 'string') carried.conversationId = entry;
    else if (key === 'source' && typeof entry === 'string') carried.source = entry;
    else if (key === 'createdAt' && typeof entry === 'string') carried.createdAt = isoTime(entry);
    else if (key === 'messages' && isMessageList(entry)) carried.messages = entry;
    else if (key === 'messageExtras' && Array.isArray(entry))
      carried.messageExtras = entry as typeof carried.messageExtras;
    else carried.rest[key] = entry;
  }
  return carried;
}

function isMessageList(value: unknown): value is CanonicalMessage[] {
  return (
    Array.isArray(value) &&
    value.every(
      (message) =>
        message !== null &&
        typeof message === 'object' &&
        ['system', 'user', 'assistant'].includes((message as CanonicalMessage).role) &&
        typeof (message as CanonicalMessage).content === 'string',
    )
  );
}

function idValue(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function turnOrder(a: unknown, b: unknown): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

function failure(error: unknown, index: number): Failed {
  if (error instanceof ConversionError) {
    return {
      index,
      code: error.code,
      message: error.message,
      ...(error.field && { field: error.field }),
      ...(error.value !== undefined && { value: error.value }),
    };
  }
  throw error;
}
