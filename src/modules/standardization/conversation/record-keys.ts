import type { SourceRecord } from './canonical';

/**
 * Field names a template looks for, in order of preference, with their lower-case forms worked
 * out once (lower-casing them on every lookup was most of the cost of finding a field).
 */
export class FieldNames {
  private static count = 0;
  readonly lower: readonly string[];
  /** The names as given, for matching keys that were lower-cased. */
  readonly set: ReadonlySet<string>;
  /** Where lookups by these names are remembered in a record shape's memo. */
  readonly slot = FieldNames.count++;

  constructor(readonly names: readonly string[]) {
    this.lower = names.map((name) => name.toLowerCase());
    this.set = new Set(names);
  }
}

export const fieldNames = (...names: string[]) => new FieldNames(names);

/**
 * The keys of records that look alike. Records of a dataset come in a handful of shapes, and
 * which key a name finds depends on the keys alone, so a lookup is worked out once per shape.
 */
interface Shape {
  keys: string[];
  lowerKeys: string[];
  hasUpper: boolean;
  /** Per FieldNames slot: the key keyOf found, null for none. */
  found: (string | null | undefined)[];
  /** Anything a caller derives from the keys alone (see `shapeMemo`). */
  memo: Map<unknown, unknown>;
}

/** Shapes remembered at most, in all, and per first key (then the cache starts afresh). */
const SHAPES_MAX = 1000;
const SHAPES_PER_FIRST_KEY = 32;
/** Shapes by their first key (records of one shape share it), compared key by key. */
const shapes = new Map<string, Shape[]>();
let shapeCount = 0;
let current: { record: SourceRecord; shape: Shape } | undefined;

function shapeOfKeys(keys: string[]): Shape {
  const first = keys.length === 0 ? '' : keys[0];
  let list = shapes.get(first);
  if (list) {
    for (const shape of list) if (sameKeys(shape.keys, keys)) return shape;
  }
  // Records with ever new keys must not make the cache, or the search of one list, grow.
  if (shapeCount >= SHAPES_MAX) {
    shapes.clear();
    shapeCount = 0;
    list = undefined;
  } else if (list && list.length >= SHAPES_PER_FIRST_KEY) {
    shapeCount -= list.length;
    list = undefined;
  }
  if (!list) shapes.set(first, (list = []));
  const lowerKeys = keys.map((key) => key.toLowerCase());
  const shape: Shape = {
    keys,
    lowerKeys,
    hasUpper: lowerKeys.some((lower, i) => lower !== keys[i]),
    found: [],
    memo: new Map(),
  };
  list.push(shape);
  shapeCount++;
  return shape;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Makes `record` the record being read: lookups on it use its shape's remembered answers until
 * another record is entered. Called once per record, so a record changed between two calls is
 * seen afresh.
 */
export function enterRecord(record: SourceRecord): void {
  current = { record, shape: shapeOfKeys(Object.keys(record)) };
}

/** The record's own enumerable keys: for the entered record, as its shape has them already. */
export function ownKeys(record: SourceRecord): readonly string[] {
  return current?.record === record ? current.shape.keys : Object.keys(record);
}

/** How many shapes are cached (for tests: the cache is bounded). */
export const cachedShapes = () => shapeCount;

/** Ends reading the entered record: later lookups on it (it may change) see its keys afresh. */
export function leaveRecord(): void {
  current = undefined;
}

function shapeOf(record: SourceRecord): Shape {
  return current?.record === record ? current.shape : shapeOfKeys(Object.keys(record));
}

/** A value derived from the entered record's keys alone, computed once per shape. */
export function shapeMemo<T>(record: SourceRecord, name: unknown, compute: () => T): T {
  const memo = shapeOf(record).memo;
  if (memo.has(name)) return memo.get(name) as T;
  const value = compute();
  memo.set(name, value);
  return value;
}

/**
 * The record's own key for the first of `fields` it has: an exact match first, then ignoring
 * case (for a record with upper-case keys, in the record's key order). A record's keys are its
 * own enumerable ones, as JSON and CSV rows have: for the entered record, the whole answer is
 * worked out once per shape (looking each name up on every record was most of the cost).
 */
export function keyOf(record: SourceRecord, fields: FieldNames): string | undefined {
  if (current?.record === record) {
    const shape = current.shape;
    let found = shape.found[fields.slot];
    if (found === undefined) {
      found = exactKey(shape, fields) ?? caseInsensitiveKey(shape, fields) ?? null;
      shape.found[fields.slot] = found;
    }
    return found ?? undefined;
  }
  for (const name of fields.names) if (Object.hasOwn(record, name)) return name;
  return caseInsensitiveKey(shapeOf(record), fields);
}

function exactKey(shape: Shape, fields: FieldNames): string | undefined {
  for (const name of fields.names) if (shape.keys.includes(name)) return name;
  return undefined;
}

function caseInsensitiveKey(shape: Shape, fields: FieldNames): string | undefined {
  if (!shape.hasUpper) {
    for (let i = 0; i < fields.names.length; i++) {
      const lower = fields.lower[i];
      if (lower !== fields.names[i] && shape.keys.includes(lower)) return lower;
    }
    return undefined;
  }
  for (let k = 0; k < shape.keys.length; k++) {
    for (const lower of fields.lower) if (shape.lowerKeys[k] === lower) return shape.keys[k];
  }
  return undefined;
}
