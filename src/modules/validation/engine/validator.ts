import type {
  CanonicalConversation,
  CanonicalMessage,
  CanonicalRole,
} from '../../standardization/conversation/canonical';
import {
  type Converted,
  type StandardizeOptions,
  Standardizer,
} from '../../standardization/conversation/standardizer';
import { type IssueCode, shownValue, type ValidationIssue } from './issues';
import {
  completenessScore,
  type ConversationScan,
  contentScore,
  HASHES,
  NearDuplicates,
  type QualityLevel,
  qualityLevel,
  type QualityParts,
  round,
  scanConversation,
  scanMessages,
  structureScore,
  weighted,
} from './quality';
import { BiasAnalyzer, type BiasReport } from '../../bias/engine';
import { scanText } from '../../privacy/engine/analyzer';
import { IdIndex } from './id-index';
import { NumberTable } from './number-table';
import { contentConversationId } from '../../standardization/conversation/conversation-id';
import { schemaIssues } from './schema-check';

export const VALIDATION_CHECKS = ['schema', 'quality', 'pii', 'bias'] as const;
export type ValidationCheck = (typeof VALIDATION_CHECKS)[number];
/** Bias is asked for; the rest runs unless `checks` says otherwise. */
export const DEFAULT_CHECKS: readonly ValidationCheck[] = ['schema', 'quality', 'pii'];

export interface ValidationOptions extends StandardizeOptions {
  checks?: readonly ValidationCheck[];
  /** Check records against this format's JSON Schema too (see GET /validation/schema/{format}). */
  schemaFormat?: string;
  /** How many errors the report lists (the rest are counted). */
  maxErrors?: number;
  minMessageChars?: number;
  maxMessageChars?: number;
  maxTurns?: number;
  /**
   * List every conversation's score in the report (default). A dataset run streams them out
   * instead and keeps only the dataset's figures, so memory does not grow with the dataset.
   */
  conversationScores?: boolean;
}

export interface ConversationQuality {
  index: number;
  conversationId: string;
  score: number;
  level: QualityLevel;
  parts: QualityParts;
}

export interface ValidationReport {
  valid: boolean;
  stats: {
    records: number;
    validRecords: number;
    invalidRecords: number;
    errors: number;
    errorsByCode: Partial<Record<IssueCode, number>>;
    repairedEncoding: number;
  };
  /** `row` is the record's position from 1, as spreadsheets and editors count. */
  errors: (ValidationIssue & { row: number })[];
  /** Errors beyond `maxErrors`, counted but not listed. */
  errorsOmitted: number;
  /** PII / PHI in the messages (check `pii`): counts, and findings with their place, never the text. */
  pii?: {
    conversations: number;
    findings: number;
    byType: Record<string, number>;
    /** The first findings (as many as `maxErrors`); the rest are counted. */
    examples: PiiExample[];
    examplesOmitted: number;
  };
  /** Check `bias`: the report of POST /bias/analyze over the conversations (ids are indexes). */
  bias?: BiasReport;
  quality?: {
    score: number;
    level: QualityLevel;
    parts: QualityParts;
    levels: Record<QualityLevel, number>;
    conversations: ConversationQuality[];
  };
}

export interface PiiExample {
  index: number;
  row: number;
  field: string;
  entityType: string;
  start: number;
  end: number;
  score: number;
}

const DEFAULTS = { maxErrors: 100, minMessageChars: 2, maxMessageChars: 32_000, maxTurns: 200 };
/** Conversations whose near-duplicate check waits for the next run of them (see settleScores). */
const SCORES_QUEUED = 256;
/** Conversations' scores per array of the list the report keeps (64 KiB of references). */
const CONVERSATIONS_CHUNK = 16_384;
/** Sets of score parts shared between conversations (see partsOf): a few MB at most. */
const PARTS_KEPT = 65_536;
/**
 * Derived ids kept for contents that came again (see idOf), with their roles and texts: at most
 * this many bytes, counting two a character, 16 a message and REPEATED_ENTRY_BYTES an id.
 */
const REPEATED_BYTES = 8 * 1024 * 1024;
const REPEATED_ENTRY_BYTES = 256;
/** A part's value (0..1, rounded to thousandths) as an integer 0..1000. */
const thousandths = (value: number) => Math.round(value * 1000);

/**
 * Validates records one at a time (so it can run over a streaming row reader): each record is
 * standardized, then checked for structure, length, encoding and duplicates, optionally against
 * a format's JSON Schema, and scored for quality. `report()` sums it up.
 */
export class DatasetValidator {
  private readonly standardizer: Standardizer;
  private readonly settings: typeof DEFAULTS;
  private readonly checks: Set<ValidationCheck>;
  private readonly errors: (ValidationIssue & { row: number })[] = [];
  private readonly errorsByCode: Partial<Record<IssueCode, number>> = {};
  private readonly seenIds = new IdIndex();
  private readonly seenContent = new NumberTable();
  /** The record's place in order of the first with the same content key, or -1 (duplicateOf). */
  private firstByContent = -1;
  /** Derived ids by the first record with the same content key (see idOf). */
  private readonly repeatedIds = new Map<number, RepeatedId>();
  private repeatedBytes = 0;
  /** The first record's index, and records whose index does not follow from it (see add). */
  private firstIndex = 0;
  private readonly givenIndexes = new Map<number, number>();
  private readonly nearDuplicates = new NearDuplicates();
  /**
   * Each conversation's score, in arrays of CONVERSATIONS_CHUNK. One array of a few hundred
   * thousand was made again at each growth, in the large-object space, and every score added to
   * it was an old-to-young reference for each scavenge to visit: in arrays, the full report's
   * passes spent about a quarter less time in scavenges and in mark-compact.
   */
  private readonly conversations: ConversationQuality[][] = [];
  private readonly partsByValues = new Map<number, Readonly<QualityParts>>();
  /** Conversations scored but not yet checked for near-duplicates (see settleScores). */
  private readonly queued = {
    count: 0,
    /** As the caller gave them (any number). */
    indexes: new Array<number>(SCORES_QUEUED).fill(0),
    exact: new Uint8Array(SCORES_QUEUED),
    /** Structure, content and completeness of each. */
    parts: new Float64Array(3 * SCORES_QUEUED),
    minimums: new Uint32Array(HASHES * SCORES_QUEUED),
    ids: new Array<string | undefined>(SCORES_QUEUED).fill(undefined),
  };
  private readonly keepConversations: boolean;
  private readonly totals = {
    count: 0,
    score: 0,
    structure: 0,
    content: 0,
    duplicates: 0,
    completeness: 0,
    levels: { excellent: 0, good: 0, acceptable: 0, needs_improvement: 0, poor: 0 } as Record<
      QualityLevel,
      number
    >,
  };
  private readonly pii = {
    conversations: 0,
    findings: 0,
    byType: {} as Record<string, number>,
    examples: [] as PiiExample[],
  };
  private bias?: BiasAnalyzer;
  private records = 0;
  /** Issues of the record being added. */
  private recordIssues = 0;
  /** The scan of the record's texts as the standardizer read them, before normalization. */
  private read?: ConversationScan;
  /** Those texts, when some were not plain (normalization may have changed them). */
  private readonly readTexts: string[] = [];
  private readonly schema: boolean;
  private readonly quality: boolean;
  private readonly scansPii: boolean;
  private invalid = 0;
  private errorCount = 0;
  private repaired = 0;

  constructor(private readonly options: ValidationOptions = {}) {
    this.standardizer = new Standardizer({
      ...options,
      deriveIds: false,
      plainTexts: (messages) => this.scanRead(messages),
    });
    this.settings = {
      maxErrors: options.maxErrors ?? DEFAULTS.maxErrors,
      minMessageChars: options.minMessageChars ?? DEFAULTS.minMessageChars,
      maxMessageChars: options.maxMessageChars ?? DEFAULTS.maxMessageChars,
      maxTurns: options.maxTurns ?? DEFAULTS.maxTurns,
    };
    this.checks = new Set(options.checks ?? DEFAULT_CHECKS);
    this.schema = this.checks.has('schema');
    this.quality = this.checks.has('quality');
    this.scansPii = this.checks.has('pii');
    if (this.checks.has('bias')) this.bias = new BiasAnalyzer();
    this.keepConversations = options.conversationScores ?? true;
  }

  add(record: unknown, index = this.records): void {
    // The duplicate indexes keep records by the order they came (an int32). Callers number
    // records in that order, from 0 or from any start the first record gives; an index that
    // is not that number is kept aside, for the report to name.
    if (this.records === 0) this.firstIndex = index;
    if (index !== this.firstIndex + this.records) this.givenIndexes.set(this.records, index);
    this.records++;
    this.recordIssues = 0;
    this.check(record, index);
    if (this.recordIssues > 0) this.invalid++;
  }

  /** Checks one record; its issues are counted in `recordIssues`. */
  private check(record: unknown, index: number): void {
    const schemaFormat = this.schema ? this.options.schemaFormat : undefined;
    // The blank check (a walk over the record's values) waits for the conversion, unless the
    // schema check must first know the record is not blank. A blank record either fails to
    // convert or gives messages of whitespace only (that String.trim removes but normalization
    // keeps, such as U+3000); a message with other text shows the record is not blank.
    if (schemaFormat) {
      if (this.blankRow(record, index)) return;
      for (const issue of schemaIssues(record, schemaFormat, index))
        if (this.count(issue.code)) this.list(issue);
    }
    this.read = undefined;
    const result = this.standardizer.convert(record, index);
    if (!('conversation' in result)) {
      if (!schemaFormat && this.blankRow(record, index)) return;
      if (this.count(result.code)) {
        this.list({
          index,
          code: result.code,
          message: result.message,
          ...(result.field && { field: result.field }),
          ...(result.value !== undefined && { value: shownValue(result.value) }),
        });
      }
      return;
    }
    const conversation = result.conversation;
    if (!schemaFormat && !this.readPlain() && !hasVisibleText(conversation)) {
      if (this.blankRow(record, index)) return;
    }
    if (result.repaired) this.repaired++;
    const scan = this.readScanHolds(conversation) ? this.read! : scanConversation(conversation);
    if (this.schema) this.structureIssues(conversation, index, scan.plain);
    const duplicateOf = this.duplicateOf(conversation, scan.key, result.derivedId);
    if (duplicateOf !== undefined && this.count('duplicate-conversation')) {
      this.list({
        index,
        code: 'duplicate-conversation',
        field: 'conversationId',
        message: `duplicate of record ${duplicateOf}`,
        value: shownValue(this.idOf(result)),
      });
    }
    if (this.quality) this.score(result, scan, index, duplicateOf !== undefined);
    if (this.scansPii) this.scanPii(conversation, index);
    this.bias?.addText(String(index), conversation.messages.map((m) => m.content).join('\n'));
  }

  /**
   * Scans the texts of a conversation being standardized, before normalization, and tells the
   * standardizer whether they are all plain (it then skips its own check): one pass over the
   * characters for both. The scan is the conversation's when normalization changed no text.
   */
  private scanRead(messages: readonly (CanonicalMessage | undefined)[]): boolean {
    for (const message of messages) if (message === undefined) return false;
    const read = scanMessages(messages as CanonicalMessage[]);
    this.read = read;
    if (!read.plain) {
      this.readTexts.length = 0;
      for (const message of messages) this.readTexts.push(message!.content);
    }
    return read.plain;
  }

  /**
   * Whether the texts as read were all plain: then they were kept as they are, and the
   * conversation has text that String.trim keeps (plain texts have no space at either end,
   * and empty ones were dropped).
   */
  private readPlain(): boolean {
    return this.read?.plain === true;
  }

  /** Whether the scan of the texts as read holds for the conversation they became. */
  private readScanHolds(conversation: CanonicalConversation): boolean {
    const read = this.read;
    const messages = conversation.messages;
    // Only empty texts are dropped; plain texts are kept as they are.
    if (read === undefined || read.shapes.length !== messages.length) return false;
    if (read.plain) return true;
    for (let m = 0; m < messages.length; m++)
      if (messages[m].content !== this.readTexts[m]) return false;
    return true;
  }

  /**
   * The report of the records added so far: a snapshot, with lists of its own, so records added
   * later change the validator and its next report, not this one.
   */
  report(): ValidationReport {
    const report: ValidationReport = {
      valid: this.errorCount === 0,
      stats: {
        records: this.records,
        validRecords: this.records - this.invalid,
        invalidRecords: this.invalid,
        errors: this.errorCount,
        errorsByCode: { ...this.errorsByCode },
        repairedEncoding: this.repaired,
      },
      errors: this.errors.slice(),
      errorsOmitted: this.errorCount - this.errors.length,
    };
    if (this.checks.has('pii')) {
      report.pii = {
        conversations: this.pii.conversations,
        findings: this.pii.findings,
        byType: { ...this.pii.byType },
        examples: this.pii.examples.slice(),
        examplesOmitted: this.pii.findings - this.pii.examples.length,
      };
    }
    if (this.checks.has('quality')) {
      this.settleScores();
      report.quality = this.datasetQuality();
    }
    if (this.bias) report.bias = this.bias.report();
    return report;
  }

  /** Whether the record is blank (then reported as a blank row). */
  private blankRow(record: unknown, index: number): boolean {
    if (!isBlank(record)) return false;
    if (this.count('blank-row'))
      this.list({ index, code: 'blank-row', message: 'the record is empty' });
    return true;
  }

  /**
   * Counts an issue of the record being added; true when the report still has room to list it
   * (then `list` it). Issues past the limit are only counted, so they cost no object or message.
   */
  private count(code: IssueCode): boolean {
    this.recordIssues++;
    this.errorCount++;
    this.errorsByCode[code] = (this.errorsByCode[code] ?? 0) + 1;
    return this.errors.length < this.settings.maxErrors;
  }

  private list(issue: ValidationIssue): void {
    this.errors.push({ ...issue, row: issue.index + 1 });
  }

  private scanPii(conversation: CanonicalConversation, index: number): void {
    let found = false;
    conversation.messages.forEach((message, i) => {
      for (const finding of scanText(message.content)) {
        found = true;
        this.pii.findings++;
        this.pii.byType[finding.entityType] = (this.pii.byType[finding.entityType] ?? 0) + 1;
        if (this.pii.examples.length < this.settings.maxErrors) {
          this.pii.examples.push({
            index,
            row: index + 1,
            field: `messages[${i}].content`,
            entityType: finding.entityType,
            start: finding.start,
            end: finding.end,
            score: finding.score,
          });
        }
      }
    });
    if (found) this.pii.conversations++;
  }

  /** `plain`: whether every text is plain (printable ASCII), so none has U+FFFD. */
  private structureIssues(
    conversation: CanonicalConversation,
    index: number,
    plain: boolean,
  ): void {
    const dropped = Number(conversation.metadata.droppedEmptyTurns ?? 0);
    if (dropped > 0)
      this.structural(index, 'empty-message', () => `${dropped} empty turn(s)`, 'messages');
    const messages = conversation.messages;
    let turns = 0;
    let users = 0;
    let assistants = 0;
    for (const message of messages) {
      if (message.role === 'system') continue;
      turns++;
      if (message.role === 'user') users++;
      else if (message.role === 'assistant') assistants++;
    }
    if (users === 0) this.structural(index, 'role-order', () => 'no user turn', 'messages');
    if (assistants === 0)
      this.structural(index, 'role-order', () => 'no assistant turn', 'messages');
    if (turns < 2)
      this.structural(
        index,
        'too-short',
        () => `${turns} turn(s); a conversation needs at least a user and an assistant turn`,
        'messages',
      );
    const { minMessageChars, maxMessageChars, maxTurns } = this.settings;
    if (messages.length > maxTurns)
      this.structural(
        index,
        'too-long',
        () => `${messages.length} turns (at most ${maxTurns})`,
        'messages',
      );
    for (let i = 0; i < messages.length; i++) {
      const { role, content } = messages[i];
      if (role === 'system' && i > 0)
        this.structural(
          index,
          'role-order',
          () => 'a system message after the conversation started',
          `messages[${i}].role`,
          role,
        );
      if (i > 0 && role !== 'system' && role === messages[i - 1].role)
        this.structural(
          index,
          'role-order',
          () => `two ${role} turns in a row`,
          `messages[${i}].role`,
          role,
        );
      if (content.length < minMessageChars)
        this.structural(
          index,
          'too-short',
          () => `shorter than ${minMessageChars} characters`,
          `messages[${i}].content`,
          content,
        );
      if (content.length > maxMessageChars)
        this.structural(
          index,
          'too-long',
          () => `longer than ${maxMessageChars} characters (${content.length})`,
          `messages[${i}].content`,
          content,
        );
      if (!plain && content.includes('\uFFFD'))
        this.structural(
          index,
          'encoding-error',
          () => 'contains the replacement character U+FFFD (bytes lost in decoding)',
          `messages[${i}].content`,
          content,
        );
    }
  }
  /** Counts a structure issue, and lists it (its message made only then) while there is room. */
  private structural(
    index: number,
    code: IssueCode,
    message: () => string,
    field: string,
    value?: unknown,
  ): void {
    if (!this.count(code)) return;
    this.list({
      index,
      code,
      message: message(),
      field,
      ...(value !== undefined && { value: shownValue(value) }),
    });
  }

  /**
   * The record's id, derived from its content when the source had none (see deriveIds). Hashing
   * a conversation cost about 0.6 µs, and many datasets repeat some conversations many times: a
   * content that came again keeps its derived id, with its roles and texts (not the messages,
   * whose metadata may be large), and a later record with the same content key takes that id
   * once its roles and texts are found equal (two contents that share a key each keep the id of
   * their own text). A content seen once keeps nothing.
   */
  private idOf({ conversation, derivedId }: Converted): string {
    if (!derivedId) return conversation.conversationId;
    const messages = conversation.messages;
    const first = this.firstByContent;
    if (first === -1) return contentConversationId(messages);
    const kept = this.repeatedIds.get(first);
    if (kept !== undefined && sameTexts(kept, messages)) return kept.id;
    const id = contentConversationId(messages);
    if (kept === undefined) this.keepRepeated(first, messages, id);
    return id;
  }

  private keepRepeated(first: number, messages: readonly CanonicalMessage[], id: string): void {
    let bytes = REPEATED_ENTRY_BYTES;
    for (const message of messages) bytes += 2 * message.content.length + 16;
    if (this.repeatedBytes + bytes > REPEATED_BYTES) return;
    this.repeatedBytes += bytes;
    const roles = new Array<CanonicalRole>(messages.length);
    const texts = new Array<string>(messages.length);
    for (let m = 0; m < messages.length; m++) {
      roles[m] = messages[m].role;
      texts[m] = messages[m].content;
    }
    this.repeatedIds.set(first, { roles, texts, id });
  }

  /**
   * The index of an earlier record with the same id or the same content. An id derived from the
   * content adds nothing to the content check, so only given ids are remembered (exactly: an id
   * is the caller's, and a hash of it could be made to collide). Contents are kept as 64-bit
   * keys, so memory does not grow with their length.
   */
  private duplicateOf(
    conversation: CanonicalConversation,
    key: ConversationScan['key'],
    derivedId: boolean,
  ): number | undefined {
    // This record's place in the order records came (see add).
    const order = this.records - 1;
    let byId = -1;
    if (!derivedId) {
      byId = this.seenIds.firstOf(conversation.conversationId, order);
    }
    const byContent = this.seenContent.getOrSetPair(key.high, key.low, order);
    this.firstByContent = byContent;
    const first = byId !== -1 ? byId : byContent;
    return first === -1 ? undefined : (this.givenIndexes.get(first) ?? this.firstIndex + first);
  }

  /**
   * Scores a conversation's parts now and queues it for the near-duplicate check, which runs for
   * SCORES_QUEUED conversations at a time (see settleScores).
   */
  private score(
    converted: Converted,
    scan: ConversationScan,
    index: number,
    exactDuplicate: boolean,
  ): void {
    const conversation = converted.conversation;
    const queue = this.queued;
    // Counted in the queue once the entry is whole (nothing half-made is settled later).
    const at = queue.count;
    queue.indexes[at] = index;
    queue.exact[at] = exactDuplicate ? 1 : 0;
    queue.parts[3 * at] = structureScore(conversation);
    queue.parts[3 * at + 1] = contentScore(conversation, scan);
    queue.parts[3 * at + 2] = completenessScore(conversation);
    if (!exactDuplicate) scan.copyMinimums(queue.minimums, at * HASHES);
    if (this.keepConversations) queue.ids[at] = this.idOf(converted);
    if (++queue.count === SCORES_QUEUED) this.settleScores();
  }

  /**
   * Checks the queued conversations for near-duplicates, in order, and adds their scores up.
   * The check's tables are larger than the processor's caches, and the rest of a record's work
   * (parsing it above all) pushed them out between one conversation and the next: in runs, the
   * parts of the tables that conversations share stay in the cache. Only the scores wait; the
   * figures come out as if each conversation had been scored when it was added.
   */
  private settleScores(): void {
    const queue = this.queued;
    for (let at = 0; at < queue.count; at++) {
      const exactDuplicate = queue.exact[at] === 1;
      const near = exactDuplicate
        ? -1
        : this.nearDuplicates.addMinimums(queue.minimums, at * HASHES);
      this.total(
        queue.indexes[at],
        queue.parts[3 * at],
        queue.parts[3 * at + 1],
        exactDuplicate ? 0 : near >= 0 ? 0.5 : 1,
        queue.parts[3 * at + 2],
        queue.ids[at],
      );
    }
    queue.count = 0;
  }

  private total(
    index: number,
    structure: number,
    content: number,
    duplicates: number,
    completeness: number,
    conversationId: string | undefined,
  ): void {
    const score = weighted({ structure, content, duplicates, completeness });
    const level = qualityLevel(score);
    // Running sums: the dataset's figures need no list of conversations.
    const totals = this.totals;
    totals.count++;
    totals.score += score;
    totals.structure += structure;
    totals.content += content;
    totals.duplicates += duplicates;
    totals.completeness += completeness;
    totals.levels[level]++;
    if (this.keepConversations) {
      let chunk = this.conversations.at(-1);
      if (chunk === undefined || chunk.length === CONVERSATIONS_CHUNK) {
        this.conversations.push((chunk = []));
      }
      chunk.push({
        index,
        conversationId: conversationId!,
        score,
        level,
        parts: this.partsOf(structure, content, duplicates, completeness),
      });
    }
  }

  /**
   * The parts of a conversation's score, one frozen object for each set of values: parts are
   * rounded to thousandths and take few values together (most datasets have many conversations
   * alike), and each object with its four numbers (a number that is not a small integer is an
   * object of its own in V8) was kept to the report's end. Past PARTS_KEPT sets, the rest get
   * objects of their own.
   */
  private partsOf(
    structure: number,
    content: number,
    duplicates: number,
    completeness: number,
  ): QualityParts {
    // Below 2^53: an exact integer, one for each set of thousandths.
    const key =
      ((thousandths(structure) * 1001 + thousandths(content)) * 1001 + thousandths(duplicates)) *
        1001 +
      thousandths(completeness);
    const kept = this.partsByValues.get(key);
    if (
      kept !== undefined &&
      kept.structure === structure &&
      kept.content === content &&
      kept.duplicates === duplicates &&
      kept.completeness === completeness
    )
      return kept;
    const parts = Object.freeze({ structure, content, duplicates, completeness });
    if (kept === undefined && this.partsByValues.size < PARTS_KEPT)
      this.partsByValues.set(key, parts);
    return parts;
  }

  private datasetQuality(): NonNullable<ValidationReport['quality']> {
    const { count, levels } = this.totals;
    const mean = (value: number) => (count === 0 ? 0 : round(value / count));
    const score = mean(this.totals.score);
    return {
      score,
      level: qualityLevel(score),
      parts: {
        structure: mean(this.totals.structure),
        content: mean(this.totals.content),
        duplicates: mean(this.totals.duplicates),
        completeness: mean(this.totals.completeness),
      },
      levels: { ...levels },
      // concat copies each array at once; flat() took 3% of the full report's pass.
      conversations: ([] as ConversationQuality[]).concat(...this.conversations),
    };
  }
}

interface RepeatedId {
  roles: CanonicalRole[];
  texts: string[];
  id: string;
}

/** Whether the messages have the roles and texts kept (then the same derived id). */
function sameTexts(kept: RepeatedId, messages: readonly CanonicalMessage[]): boolean {
  const { roles, texts } = kept;
  if (texts.length !== messages.length) return false;
  for (let m = 0; m < texts.length; m++) {
    if (roles[m] !== messages[m].role || texts[m] !== messages[m].content) return false;
  }
  return true;
}

/** Whether some message has text that String.trim keeps (then its record is not blank). */
function hasVisibleText(conversation: CanonicalConversation): boolean {
  return conversation.messages.some((message) => message.content.trim() !== '');
}

function isBlank(record: unknown): boolean {
  if (record === null || record === undefined) return true;
  if (typeof record !== 'object' || Array.isArray(record)) return false;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const value = (record as Record<string, unknown>)[key];
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string' || value.trim() !== '') return false;
  }
  return true;
}
