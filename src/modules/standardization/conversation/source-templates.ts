import {
  type CanonicalMessage,
  type CanonicalRole,
  ConversionError,
  type SourceRecord,
} from './canonical';
import {
  enterRecord,
  fieldNames,
  type FieldNames,
  keyOf,
  leaveRecord,
  shapeMemo,
} from './record-keys';
import { canonicalRole, type RoleMap } from './roles';

/** The record shapes standardization reads, detected per record or named by the caller. */
export const SOURCE_TEMPLATES = [
  'canonical',
  'chatml',
  'sharegpt',
  'alpaca',
  'input_output',
  'prompt_response',
  'prompt_completion',
  'question_answer',
  'context_response',
  'vicuna',
] as const;
export type SourceTemplate = (typeof SOURCE_TEMPLATES)[number];

export interface TemplateFit {
  template: SourceTemplate;
  /** 0..1: 1 when the record has exactly the template's shape. */
  confidence: number;
  /** Which fields made the decision (names only, never values). */
  evidence: string;
}

export interface ReadMessages {
  messages: CanonicalMessage[];
  /** Fields the template consumed; the rest of the record becomes conversation metadata. */
  used: string[];
  /**
   * How many turns a chat template read from the record's turn list, when each turn had one key
   * for its role and one for its content (undefined otherwise).
   */
  turns?: number;
}

interface Template {
  name: SourceTemplate;
  /** 0..1 when the record has the template's shape (1: exactly), else undefined. */
  fit(record: SourceRecord, roles: RoleMap): number | undefined;
  /** Which fields made the decision, for a record that fits (names only, never values). */
  evidence(record: SourceRecord, roles: RoleMap): string;
  read(record: SourceRecord, roles: RoleMap): ReadMessages;
  /**
   * A read that succeeds with at least one turn shows the template fits fully (confidence 1):
   * every turn had a known role and content, which is what its fit counts.
   */
  readFits?: boolean;
}

const UPPER = /[A-Z]/;

/** The field names each template reads. */
const CONVERSATION_ID = fieldNames('conversationId');
const MESSAGES = fieldNames('messages');
const SOURCE = fieldNames('source');
const SYSTEM = fieldNames('system');
const SYSTEM_PROMPT = fieldNames('system', 'system_prompt', 'systemPrompt');
const INSTRUCTION = fieldNames('instruction');
const INPUT = fieldNames('input');
const OUTPUT = fieldNames('output');
const HISTORY = fieldNames('history');
const QUESTION = fieldNames('question', 'questionText', 'question_text', 'query');
const ANSWER = fieldNames('answer', 'answerText', 'answer_text');
const QUESTION_TITLE = fieldNames('questionTitle', 'question_title', 'title');
const TRANSCRIPT = fieldNames('text', 'conversation', 'transcript', 'dialogue', 'content');
const PROMPT = fieldNames('prompt');
const ROLE = fieldNames('role');
const CANONICAL_TURNS: TurnFields = { list: MESSAGES, role: ROLE, content: fieldNames('content') };
const CHATML_TURNS: TurnFields = {
  list: fieldNames('messages', 'chat', 'dialog', 'dialogue'),
  role: ROLE,
  content: fieldNames('content', 'text'),
};
const SHAREGPT_TURNS: TurnFields = {
  list: fieldNames('conversations', 'conversation'),
  role: fieldNames('from', 'role'),
  content: fieldNames('value', 'content'),
};

function text(record: SourceRecord, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

const hasText = (record: SourceRecord, key: string | undefined) =>
  (text(record, key)?.trim() ?? '') !== '';

/** A turn list, also when a CSV cell holds it as JSON text. */
function turnList(value: unknown): unknown[] | undefined {
  if (typeof value === 'string' && value.trimStart().startsWith('[')) {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return Array.isArray(value) ? value : undefined;
}

/** Message content as text: a string, or OpenAI-style parts (the text parts joined). */
function contentText(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const parts = value.map((part) =>
      typeof part === 'string'
        ? part
        : part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string'
          ? (part as { text: string }).text
          : undefined,
    );
    if (parts.every((part) => part !== undefined)) return parts.join('\n');
  }
  if (value === null || value === undefined) {
    throw new ConversionError('empty-message', `${where} has no content`, where);
  }
  throw new ConversionError(
    'type-error',
    `${where} must be text (got ${typeName(value)})`,
    where,
    value,
  );
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function role(name: unknown, roles: RoleMap, where: string): CanonicalRole {
  const mapped = canonicalRole(name, roles);
  if (!mapped) {
    throw new ConversionError(
      'invalid-role',
      typeof name === 'string'
        ? `${where} has the unknown role "${name.slice(0, 40)}" (add it to roleMap)`
        : `${where} has no role`,
      where,
      name,
    );
  }
  return mapped;
}

/** Turn objects (`messages`, `conversations`) to canonical messages; extra keys go to metadata. */
function readTurns(
  turns: unknown[],
  field: string,
  fields: TurnFields,
  roles: RoleMap,
): { messages: CanonicalMessage[]; ambiguous: boolean } {
  const roleNames = fields.role.set;
  const contentNames = fields.content.set;
  const messages: CanonicalMessage[] = [];
  // Whether some turn has two keys for its role or its content: then which one a fit counts (by
  // name) can differ from the one read here (the first in the turn).
  let ambiguous = false;
  for (let i = 0; i < turns.length; i++) {
    if (!(i in turns)) {
      // A hole (only from callers in JS) stays a hole, as Array.map leaves it; a fit counts it
      // as a turn without a role.
      messages.length = i + 1;
      ambiguous = true;
      continue;
    }
    const turn = turns[i];
    if (turn === null || typeof turn !== 'object' || Array.isArray(turn)) {
      throw new ConversionError(
        'type-error',
        `${field}[${i}] must be an object`,
        `${field}[${i}]`,
        turn,
      );
    }
    // One pass over the turn's keys: role, content, timestamp; the rest is the turn's metadata.
    const record = turn as SourceRecord;
    let roleKey: string | undefined;
    let contentKey: string | undefined;
    let timestampKey: string | undefined;
    let extra: Record<string, unknown> | undefined;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      // The names looked for are lower case: a key that is one of them needs no lower-casing.
      const name =
        roleNames.has(key) || contentNames.has(key) || !UPPER.test(key) ? key : key.toLowerCase();
      if (roleKey === undefined && roleNames.has(name)) roleKey = key;
      else if (contentKey === undefined && contentNames.has(name)) contentKey = key;
      else if (timestampKey === undefined && TIMESTAMP_NAMES.has(name)) timestampKey = key;
      else {
        if (roleNames.has(name) || contentNames.has(name)) ambiguous = true;
        (extra ??= {})[key] = record[key];
      }
    }
    const original = roleKey === undefined ? undefined : record[roleKey];
    const content = contentKey === undefined ? undefined : record[contentKey];
    // The turn's place is spelled out only for an error.
    const message: CanonicalMessage = {
      role: canonicalRole(original, roles) || role(original, roles, `${field}[${i}]`),
      content: typeof content === 'string' ? content : contentText(content, `${field}[${i}]`),
    };
    const timestamp = timestampKey === undefined ? undefined : isoTime(record[timestampKey]);
    if (timestamp) message.timestamp = timestamp;
    else if (timestampKey !== undefined) (extra ??= {})[timestampKey] = record[timestampKey];
    // A role name that says more than the canonical role (therapist, patient) is kept.
    if (
      typeof original === 'string' &&
      !PLAIN_ROLE_NAMES.has(original) &&
      !PLAIN_ROLE_NAMES.has(original.trim().toLowerCase())
    ) {
      (extra ??= {}).sourceRole = original;
    }
    if (extra) message.metadata = extra;
    messages.push(message);
  }
  return { messages, ambiguous };
}

const TIMESTAMP_NAMES = new Set(['timestamp', 'time', 'created_at', 'createdat']);
const PLAIN_ROLE_NAMES = new Set(['system', 'user', 'assistant', 'human', 'gpt']);

/** ISO 8601 from a date string or epoch (seconds or milliseconds); undefined otherwise. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const date = new Date(value < 1e12 ? value * 1000 : value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Where a record keeps its turns, and how many of them have a role and content. */
interface TurnCount {
  field: string;
  turns: number;
  /** Turns with a role and a content field. */
  shaped: number;
  /** Shaped turns whose role is a known name. */
  known: number;
}

/** The turn fields a chat template reads. */
interface TurnFields {
  list: FieldNames;
  role: FieldNames;
  content: FieldNames;
}

function countTurns(
  record: SourceRecord,
  fields: TurnFields,
  roles: RoleMap,
): TurnCount | undefined {
  const field = keyOf(record, fields.list);
  const turns = field === undefined ? undefined : turnList(record[field]);
  if (!field || !turns || turns.length === 0) return undefined;
  let shaped = 0;
  let known = 0;
  for (const turn of turns) {
    if (turn === null || typeof turn !== 'object') continue;
    const roleKey = keyOf(turn as SourceRecord, fields.role);
    if (roleKey === undefined || keyOf(turn as SourceRecord, fields.content) === undefined)
      continue;
    shaped++;
    if (canonicalRole((turn as SourceRecord)[roleKey], roles) !== undefined) known++;
  }
  return shaped === 0 ? undefined : { field, turns: turns.length, shaped, known };
}

function turnsFit(record: SourceRecord, fields: TurnFields, roles: RoleMap): number | undefined {
  const count = countTurns(record, fields, roles);
  return count && (count.shaped / count.turns) * (0.5 + (0.5 * count.known) / count.shaped);
}

function turnsEvidence(record: SourceRecord, fields: TurnFields, roles: RoleMap): string {
  const count = countTurns(record, fields, roles)!;
  return `field "${count.field}": ${count.turns} turns with ${fields.role.names[0]}/${fields.content.names[0]}, ${count.known} with known roles`;
}

function pair(user: string, assistant: string, system?: string): CanonicalMessage[] {
  const messages: CanonicalMessage[] = [];
  if (system !== undefined && system.trim() !== '')
    messages.push({ role: 'system', content: system });
  messages.push({ role: 'user', content: user }, { role: 'assistant', content: assistant });
  return messages;
}

function required(record: SourceRecord, key: string | undefined, name: string): string {
  if (key === undefined)
    throw new ConversionError('missing-field', `the record has no "${name}" field`, name);
  const value = record[key];
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) {
    throw new ConversionError('empty-message', `"${key}" is empty`, key);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ConversionError(
    'type-error',
    `"${key}" must be text (got ${typeName(value)})`,
    key,
    value,
  );
}

/** Two text columns as a user turn and an assistant turn. */
function pairTemplate(
  name: SourceTemplate,
  userNames: FieldNames,
  assistantNames: FieldNames,
  extra = 0,
): Template {
  return {
    name,
    fit(record) {
      const user = keyOf(record, userNames);
      const assistant = keyOf(record, assistantNames);
      if (!user || !assistant) return undefined;
      const both = hasText(record, user) && hasText(record, assistant);
      return (both ? 0.9 : 0.6) + extra;
    },
    evidence(record) {
      return `fields "${keyOf(record, userNames)}" and "${keyOf(record, assistantNames)}"`;
    },
    read(record) {
      const user = keyOf(record, userNames);
      const assistant = keyOf(record, assistantNames);
      const system = keyOf(record, SYSTEM_PROMPT);
      return {
        messages: pair(
          required(record, user, userNames.names[0]),
          required(record, assistant, assistantNames.names[0]),
          text(record, system),
        ),
        used: [user!, assistant!, ...(system ? [system] : [])],
      };
    },
  };
}

const SPEAKERS = [
  'USER',
  'ASSISTANT',
  'SYSTEM',
  'HUMAN',
  'GPT',
  'PATIENT',
  'CLIENT',
  'THERAPIST',
  'COUNSELOR',
  'COUNSELLOR',
];
/** A speaker's name in any case, as a character class per letter (`[uU][sS]...`). */
const anyCase = (name: string) =>
  [...name].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('');
const ANY_SPEAKER = `(${SPEAKERS.map(anyCase).join('|')})`;
/**
 * A speaker label: at the start of a line (after a `<s>` that opens a turn, if any), any speaker
 * in any case (`User:`, `### Human:`); or inside a line, as Vicuna v1.1 and FastChat write
 * one-line transcripts (`... USER: Hi ASSISTANT: Hello</s>USER: ...`), after `<s>`, `</s>` or a
 * space that follows no capital letter: there only `USER` or `ASSISTANT` in capitals, or any
 * speaker after `###`. So prose such as "my therapist: she said", "a TEACHING ASSISTANT: it is"
 * or "it showed SYSTEM: UPDATE FAILED" is not split.
 */
const VICUNA_LABEL = new RegExp(
  `(?:(?:^|\n)[ \t]*(?:<s>[ \t]*)?(?:###[ \t]*)?${ANY_SPEAKER}|(?<=(?:^|[^A-Z])[ \t]|</?s>)(?:(USER|ASSISTANT)|###[ \t]*${ANY_SPEAKER}))[ \t]*:`,
  'g',
);

/**
 * A turn's text without the `<s>` and `</s>` tokens that open and close turns in Vicuna
 * transcripts, at either end. A loop, not a regular expression anchored at the end: that one
 * was tried again at every `</s>` of a text, which took seconds for 100k of them.
 */
function withoutTurnTokens(text: string): string {
  let turn = text.trim();
  while (turn.startsWith('<s>')) turn = turn.slice(3).trimStart();
  for (;;) {
    if (turn.endsWith('</s>')) turn = turn.slice(0, -4).trimEnd();
    else if (turn.endsWith('<s>')) turn = turn.slice(0, -3).trimEnd();
    else return turn;
  }
}

const speakerLabels = (transcript: string) => [...transcript.matchAll(VICUNA_LABEL)].length;

function vicunaTurns(transcript: string, roles: RoleMap, field: string): CanonicalMessage[] {
  const labels = [...transcript.matchAll(VICUNA_LABEL)];
  const messages: CanonicalMessage[] = [];
  const turnText = (start: number, end: number) => withoutTurnTokens(transcript.slice(start, end));
  const preamble = turnText(0, labels[0]?.index ?? transcript.length);
  if (preamble !== '') messages.push({ role: 'system', content: preamble });
  labels.forEach((label, i) => {
    const start = label.index + label[0].length;
    const end = labels[i + 1]?.index ?? transcript.length;
    messages.push({
      role: role(label[1] ?? label[2] ?? label[3], roles, `${field} turn ${i + 1}`),
      content: turnText(start, end),
    });
  });
  return messages;
}

const TEMPLATES: Template[] = [
  {
    name: 'canonical',
    fit(record, roles) {
      if (keyOf(record, CONVERSATION_ID) === undefined) return undefined;
      const turns = turnsFit(record, CANONICAL_TURNS, roles);
      return turns && Math.min(1, turns + 0.05);
    },
    evidence: (record, roles) =>
      `"conversationId" and ${turnsEvidence(record, CANONICAL_TURNS, roles)}`,
    read(record, roles) {
      const field = keyOf(record, MESSAGES)!;
      const { messages } = readTurns(turnList(record[field]) ?? [], field, CANONICAL_TURNS, roles);
      return { messages, used: [field, ...(keyOf(record, SOURCE) ? ['source'] : [])] };
    },
  },
  {
    name: 'chatml',
    fit: (record, roles) => turnsFit(record, CHATML_TURNS, roles),
    evidence: (record, roles) => turnsEvidence(record, CHATML_TURNS, roles),
    read(record, roles) {
      const field = keyOf(record, CHATML_TURNS.list)!;
      const turns = turnList(record[field]);
      if (!turns)
        throw new ConversionError(
          'type-error',
          `"${field}" must be an array of messages`,
          field,
          record[field],
        );
      const { messages, ambiguous } = readTurns(turns, field, CHATML_TURNS, roles);
      return { messages, used: [field], turns: ambiguous ? undefined : turns.length };
    },
    readFits: true,
  },
  {
    name: 'sharegpt',
    fit: (record, roles) => turnsFit(record, SHAREGPT_TURNS, roles),
    evidence: (record, roles) => turnsEvidence(record, SHAREGPT_TURNS, roles),
    read(record, roles) {
      const field = keyOf(record, SHAREGPT_TURNS.list)!;
      const turns = turnList(record[field]);
      if (!turns)
        throw new ConversionError(
          'type-error',
          `"${field}" must be an array of turns`,
          field,
          record[field],
        );
      const { messages, ambiguous } = readTurns(turns, field, SHAREGPT_TURNS, roles);
      const system = keyOf(record, SYSTEM);
      const systemText = text(record, system);
      if (systemText && systemText.trim() !== '')
        messages.unshift({ role: 'system', content: systemText });
      return {
        messages,
        used: [field, ...(system ? [system] : [])],
        turns: ambiguous ? undefined : turns.length,
      };
    },
    readFits: true,
  },
  {
    name: 'alpaca',
    fit(record) {
      const instruction = keyOf(record, INSTRUCTION);
      const output = keyOf(record, OUTPUT);
      if (!instruction || !output) return undefined;
      return hasText(record, instruction) ? 1 : 0.6;
    },
    evidence: (record) => `fields "${keyOf(record, INSTRUCTION)}" and "${keyOf(record, OUTPUT)}"`,
    read(record) {
      const instruction = keyOf(record, INSTRUCTION);
      const input = keyOf(record, INPUT);
      const output = keyOf(record, OUTPUT);
      const system = keyOf(record, SYSTEM);
      const history = keyOf(record, HISTORY);
      const messages: CanonicalMessage[] = [];
      const systemText = text(record, system);
      if (systemText && systemText.trim() !== '')
        messages.push({ role: 'system', content: systemText });
      const earlier = history === undefined ? [] : turnList(record[history]);
      if (earlier === undefined)
        throw new ConversionError(
          'type-error',
          '"history" must be an array of [user, assistant] pairs',
          'history',
        );
      earlier.forEach((turn, i) => {
        if (!Array.isArray(turn) || turn.length !== 2) {
          throw new ConversionError(
            'type-error',
            `history[${i}] must be a [user, assistant] pair`,
            'history',
          );
        }
        messages.push(
          { role: 'user', content: contentText(turn[0], `history[${i}][0]`) },
          { role: 'assistant', content: contentText(turn[1], `history[${i}][1]`) },
        );
      });
      const inputText = text(record, input) ?? '';
      const user =
        required(record, instruction, 'instruction') +
        (inputText.trim() === '' ? '' : `\n\n${inputText}`);
      messages.push(
        { role: 'user', content: user },
        { role: 'assistant', content: required(record, output, 'output') },
      );
      return {
        messages,
        used: [
          instruction!,
          output!,
          ...[input, system, history].filter((key): key is string => key !== undefined),
        ],
      };
    },
  },
  pairTemplate('input_output', INPUT, OUTPUT, -0.05),
  pairTemplate('prompt_response', PROMPT, fieldNames('response', 'chosen'), 0),
  pairTemplate('prompt_completion', PROMPT, fieldNames('completion'), 0),
  {
    name: 'question_answer',
    fit(record) {
      const question = questionKey(record);
      const answer = answerKey(record);
      if (!question || !answer) return undefined;
      return hasText(record, question) && hasText(record, answer) ? 0.85 : 0.5;
    },
    evidence: (record) => `fields "${questionKey(record)}" and "${answerKey(record)}"`,
    read(record) {
      const question = questionKey(record);
      const answer = answerKey(record);
      const title = keyOf(record, QUESTION_TITLE);
      let user = required(record, question, 'question');
      const titleText = text(record, title)?.trim();
      if (titleText && title !== question && !user.trim().startsWith(titleText))
        user = `${titleText}\n\n${user}`;
      return {
        messages: pair(user, required(record, answer, 'answer')),
        used: [question!, answer!, ...(title && title !== question ? [title] : [])],
      };
    },
  },
  pairTemplate('context_response', fieldNames('context'), fieldNames('response'), -0.1),
  {
    name: 'vicuna',
    fit(record) {
      const field = keyOf(record, TRANSCRIPT);
      const value = text(record, field);
      if (!field || !value) return undefined;
      return speakerLabels(value) < 2 ? undefined : 0.85;
    },
    evidence(record) {
      const field = keyOf(record, TRANSCRIPT)!;
      return `field "${field}": a transcript with ${speakerLabels(text(record, field)!)} speaker labels`;
    },
    read(record, roles) {
      const field = keyOf(record, TRANSCRIPT)!;
      return { messages: vicunaTurns(required(record, field, field), roles, field), used: [field] };
    },
  },
];

/** The question column: `question`, or the text column named like one (`questionText`), not an id. */
function questionKey(record: SourceRecord): string | undefined {
  return keyOf(record, QUESTION) ?? textKeyLike(record, QUESTION_LIKE);
}

function answerKey(record: SourceRecord): string | undefined {
  return keyOf(record, ANSWER) ?? textKeyLike(record, ANSWER_LIKE);
}

const QUESTION_LIKE = /question/i;
const ANSWER_LIKE = /answer/i;
const NOT_TEXT_LIKE = /(id|link|url|title)$/i;

/** A text column named like `pattern` (one of the constants above: they key a shape memo). */
function textKeyLike(record: SourceRecord, pattern: RegExp): string | undefined {
  const named = shapeMemo(record, pattern, () =>
    Object.keys(record).filter((key) => pattern.test(key) && !NOT_TEXT_LIKE.test(key)),
  );
  return named.find((key) => typeof record[key] === 'string');
}

const BY_NAME = new Map(TEMPLATES.map((template) => [template.name, template]));

/** Key names (lower case) without one of which a template cannot fit; null: any record may. */
const ANCHORS: Record<SourceTemplate, RegExp | null> = {
  canonical: /^conversationid$/,
  chatml: /^(messages|chat|dialog|dialogue)$/,
  sharegpt: /^conversations?$/,
  alpaca: /^instruction$/,
  input_output: /^input$/,
  prompt_response: /^prompt$/,
  prompt_completion: /^prompt$/,
  question_answer: /question|query/,
  context_response: /^context$/,
  vicuna: /^(text|conversation|transcript|dialogue|content)$/,
};

/** Templates worth trying for a record's keys (records of a dataset share a few key sets). */
function candidates(record: SourceRecord): Template[] {
  return shapeMemo(record, ANCHORS, () => {
    const lower = Object.keys(record).map((key) => key.toLowerCase());
    return TEMPLATES.filter((template) => {
      const anchor = ANCHORS[template.name];
      return anchor === null || lower.some((key) => anchor.test(key));
    });
  });
}

/**
 * For the record last given to `enterRecord`: when a single template can fit it and reading
 * with that template shows a full fit (see `readFits`), the template and what it read. Reading
 * is then all the work; otherwise (undefined) fit first, then read.
 */
export function readSoleCandidate(
  record: SourceRecord,
  roles: RoleMap,
): { template: SourceTemplate; read: ReadMessages } | undefined {
  const found = candidates(record);
  if (found.length !== 1 || !found[0].readFits) return undefined;
  let read: ReadMessages;
  try {
    read = found[0].read(record, roles);
  } catch {
    // The fit decides which error the record gets: unknown-template, or this one again.
    return undefined;
  }
  return read.turns ? { template: found[0].name, read } : undefined;
}

/** Every template's fit for a record, best first. */
export function fitTemplates(record: SourceRecord, roles: RoleMap): TemplateFit[] {
  enterRecord(record);
  try {
    return fitEntered(record, roles);
  } finally {
    leaveRecord();
  }
}

function fitEntered(record: SourceRecord, roles: RoleMap): TemplateFit[] {
  const fits: TemplateFit[] = [];
  for (const template of candidates(record)) {
    const confidence = template.fit(record, roles);
    if (confidence === undefined) continue;
    fits.push({ template: template.name, confidence, evidence: template.evidence(record, roles) });
  }
  return fits.sort((a, b) => b.confidence - a.confidence);
}

/**
 * The first of fitTemplates, without the evidence, for the record last given to `enterRecord`
 * (what converting a record needs).
 */
export function bestFitEntered(
  record: SourceRecord,
  roles: RoleMap,
): { template: SourceTemplate; confidence: number } | undefined {
  let best: Template | undefined;
  let most = 0;
  for (const template of candidates(record)) {
    const confidence = template.fit(record, roles);
    if (confidence !== undefined && (best === undefined || confidence > most)) {
      best = template;
      most = confidence;
    }
  }
  return best && { template: best.name, confidence: most };
}

/** The record's messages read with the given template. */
export function readWithTemplate(
  template: SourceTemplate,
  record: SourceRecord,
  roles: RoleMap,
): ReadMessages {
  return BY_NAME.get(template)!.read(record, roles);
}
