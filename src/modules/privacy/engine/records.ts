import { boosted } from './context';
import type { EntityType, Finding } from './entities';
import { resolveOverlaps, type ScanOptions, scanText } from './analyzer';
import { type KeyedHasher, REDACT_ACTIONS, type RedactAction, redactText } from './redact';

/**
 * Column names that say what a column holds. A finding of that type in the column gains the
 * context boost; a column whose name alone says PHI (`ssn`, `mrn`, `patient_name`, `dob`, ...)
 * is PHI whatever its values look like, so every non-empty value is a finding.
 */
const COLUMN_TYPES: [RegExp, EntityType, boolean][] = [
  [/^(?:ssn|social_?security(?:_?number)?|us_?ssn)$/, 'US_SSN', true],
  [
    /^(?:mrn|medical_?record(?:_?(?:number|no|id))?|chart_?(?:number|no|id)|patient_?id)$/,
    'MEDICAL_RECORD_NUMBER',
    true,
  ],
  [/^(?:dob|date_?of_?birth|birth_?date|birthday)$/, 'DATE_TIME', true],
  [/^(?:(?:patient|client|full|first|last|given|family|sur)_?name|name|surname)$/, 'PERSON', true],
  [/^(?:e_?mail(?:_?address)?)$/, 'EMAIL_ADDRESS', true],
  [/^(?:phone|phone_?number|telephone|mobile|cell(?:_?phone)?|tel)$/, 'PHONE_NUMBER', true],
  [/^(?:fax|fax_?number)$/, 'FAX_NUMBER', true],
  [/^(?:(?:street_?|home_?|mailing_?)?address(?:_?line_?\d)?|street)$/, 'STREET_ADDRESS', true],
  [/^(?:zip|zip_?code|postal_?code|postcode)$/, 'ZIP_CODE', true],
  [/^(?:city|town|county)$/, 'LOCATION', false],
  [
    /^(?:member_?id|policy_?(?:number|id)|insurance_?id|health_?plan_?id|subscriber_?id)$/,
    'HEALTH_PLAN_ID',
    true,
  ],
  [/^(?:account(?:_?(?:number|no))?|acct)$/, 'ACCOUNT_NUMBER', true],
  [/^(?:ip|ip_?address)$/, 'IP_ADDRESS', true],
  [/^(?:vin)$/, 'VEHICLE_ID', true],
  [/^(?:device_?id|serial_?number|imei)$/, 'DEVICE_ID', true],
  [/^(?:credit_?card(?:_?number)?|card_?number)$/, 'CREDIT_CARD', false],
];

export interface ColumnType {
  entityType: EntityType;
  /** The column name alone makes every value PHI. */
  wholeColumn: boolean;
}

/** What a column's name says it holds (`Patient Name` → PERSON, whole column). */
export function columnType(name: string): ColumnType | undefined {
  const known = COLUMN_CACHE.get(name);
  if (known !== undefined) return known ?? undefined;
  const key = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  let found: ColumnType | null = null;
  // A flattened key ("patient.name", "contact.phone") says it with its last part.
  for (const candidate of key.includes('.') ? [key, key.slice(key.lastIndexOf('.') + 1)] : [key]) {
    for (const [pattern, entityType, wholeColumn] of COLUMN_TYPES) {
      if (pattern.test(candidate)) {
        found = { entityType, wholeColumn };
        break;
      }
    }
    if (found) break;
  }
  // Datasets have few column names and meet each on every row: remember them (up to a bound).
  if (COLUMN_CACHE.size < 4096) COLUMN_CACHE.set(name, found);
  return found ?? undefined;
}
const COLUMN_CACHE = new Map<string, ColumnType | null>();

export interface FieldFinding extends Finding {
  field: string;
}

/**
 * Findings in a record's string fields (all of them, or the named ones; nested objects by dotted
 * path), with the column names taken into account.
 */
export function scanRecord(
  record: Record<string, unknown>,
  fields?: readonly string[],
  options: ScanOptions = {},
): FieldFinding[] {
  const out: FieldFinding[] = [];
  const candidateOptions = { ...options, minScore: 0 };
  walkFields(record, fields, (walk, key, value) => {
    const candidates = scanText(value, candidateOptions);
    const column = columnType(key);
    if (candidates.length === 0 && !column) return;
    // Most fields have nothing to report: their path is made only for those that do.
    for (const finding of withColumn(walk.path(), value, candidates, column, options))
      out.push(finding);
  });
  return out;
}

/**
 * One field's findings from the text's candidates (scanned with minimum score 0, on this thread
 * or in a worker), with what the column name says added.
 */
export function fieldFindings(
  field: string,
  value: string,
  candidates: Finding[],
  options: ScanOptions = {},
): FieldFinding[] {
  return withColumn(field, value, candidates, columnType(pathKeys(field).at(-1)!), options);
}

function withColumn(
  field: string,
  value: string,
  candidates: Finding[],
  column: ColumnType | undefined,
  options: ScanOptions,
): FieldFinding[] {
  let all = candidates;
  if (column) {
    all = candidates.map((f) =>
      f.entityType === column.entityType ? { ...f, score: boosted(f.score) } : f,
    );
    if (column.wholeColumn && value.trim() !== '') {
      all.push({
        entityType: column.entityType,
        start: value.length - value.trimStart().length,
        end: value.trimEnd().length,
        score: 0.9,
        recognizer: 'column-name',
      });
    }
  }
  return resolveOverlaps(all, options).map((finding) => ({ ...finding, field }));
}

/** How deep a record may nest; deeper ones are refused rather than passed over unscanned. */
export const MAX_RECORD_DEPTH = 32;

export class RecordTooDeepError extends Error {
  constructor() {
    super(`records may nest at most ${MAX_RECORD_DEPTH} levels deep`);
  }
}

/** A key in a dotted path: a dot or backslash inside a key is escaped ("note\\.text"). */
const escapeKey = (key: string) =>
  key.includes('.') || key.includes('\\') ? key.replace(/[\\.]/g, (char) => `\\${char}`) : key;

/** The keys of a dotted path, escapes undone. */
export function pathKeys(path: string): string[] {
  const keys: string[] = [];
  let key = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && i + 1 < path.length) key += path[++i];
    else if (path[i] === '.') {
      keys.push(key);
      key = '';
    } else key += path[i];
  }
  keys.push(key);
  return keys;
}

/**
 * The text values of a record as [dotted path, text], in key order: strings, and numbers as
 * their text (an SSN or a phone number stored as a number is PHI too).
 */
export function stringFields(
  record: Record<string, unknown>,
  only?: readonly string[],
): [string, string][] {
  const out: [string, string][] = [];
  walkFields(record, only, (walk, _key, value) => out.push([walk.path(), value]));
  return out;
}

/** Index keys of arrays, made once: most arrays in records are short. */
const INDEX_KEYS = Array.from({ length: 256 }, (_, i) => String(i));

/**
 * Where a walk over a record is: the keys from the record down to the current value. The dotted
 * path is joined (and its keys escaped) only when asked for.
 */
class FieldWalk {
  readonly keys: string[] = [];

  path(): string {
    return this.keys.map(escapeKey).join('.');
  }
}

/** Each text value of a record with its place (dotted path on request) and its own key, in key order. */
function walkFields(
  record: Record<string, unknown>,
  only: readonly string[] | undefined,
  use: (walk: FieldWalk, key: string, value: string) => void,
): void {
  const walk = new FieldWalk();
  const keys = walk.keys;
  const visit = (value: unknown, key: string, depth: number) => {
    if (typeof value === 'string') {
      if (depth > 0 && (!only || only.includes(walk.path()))) use(walk, key, value);
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_RECORD_DEPTH) throw new RecordTooDeepError();
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const key = i < INDEX_KEYS.length ? INDEX_KEYS[i] : String(i);
          keys.push(key);
          visit(value[i], key, depth + 1);
          keys.pop();
        }
      } else {
        // Records are plain objects (parsed JSON, CSV rows): for-in walks the same keys in the
        // same order as Object.keys without making an array of them.
        for (const key in value) {
          if (!Object.hasOwn(value, key)) continue;
          keys.push(key);
          visit((value as Record<string, unknown>)[key], key, depth + 1);
          keys.pop();
        }
      }
    } else if (typeof value === 'number' || typeof value === 'bigint') {
      if (depth > 0 && (!only || only.includes(walk.path()))) use(walk, key, String(value));
    }
  };
  visit(record, '', 0);
}

/** What the pipeline's PII policy may do with a record: redact its fields, or drop it. */
export const PII_ACTIONS = [...REDACT_ACTIONS, 'drop'] as const;
export type PiiAction = (typeof PII_ACTIONS)[number];

/**
 * A copy of the record with each field's findings replaced (`redact`, `mask`, `hash`), or null
 * when the action is `drop` and the record has findings. The original is left as it was.
 */
export function redactRecord(
  record: Record<string, unknown>,
  findings: readonly FieldFinding[],
  action: PiiAction,
  hasher?: KeyedHasher,
): Record<string, unknown> | null {
  if (action === 'drop') return findings.length > 0 ? null : structuredClone(record);
  const copy = structuredClone(record);
  const byField = new Map<string, FieldFinding[]>();
  for (const finding of findings) {
    const inField = byField.get(finding.field) ?? [];
    inField.push(finding);
    byField.set(finding.field, inField);
  }
  for (const [field, inField] of byField) {
    const keys = pathKeys(field);
    const parent = keys
      .slice(0, -1)
      .reduce<Record<string, unknown>>((inner, key) => inner[key] as Record<string, unknown>, copy);
    const key = keys.at(-1)!;
    parent[key] = redactText(String(parent[key]), inField, action as RedactAction, hasher);
  }
  return copy;
}
