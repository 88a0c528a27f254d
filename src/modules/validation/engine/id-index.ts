import { NumberTable } from './number-table';
import { tableInt32, tableUint16 } from './table-memory';

/** Two 32-bit hashes of a text, as the high and low halves of one 64-bit key. */
export type TextHash = (text: string, out: Uint32Array) => void;

/**
 * Where each given conversation id was first seen, exactly, without keeping the id strings. A
 * `Map<string, number>` kept every id alive to the end of the dataset (the garbage collector went
 * over them again at every collection): the unique bench file's validation spent about 7% of its
 * time on that map. Here an id is found by a 64-bit hash of it in a NumberTable, its code units
 * are copied into chunks of a Uint16Array, and a hash that matches is confirmed against them.
 * Ids that share a hash are chained, so two ids are the same only when every code unit is.
 */
export class IdIndex {
  private readonly table = new NumberTable();
  /**
   * Per entry, ENTRY ints: the record's index; the id's text chunk, offset and length; the next
   * entry with the same hash, or -1.
   */
  private readonly entries: Int32Array[] = [];
  private readonly texts: Uint16Array[] = [];
  /** Where the next id's code units go in the last text chunk. */
  private used = 0;
  /** The code units of all text chunks. */
  private textUnits = 0;
  private count = 0;
  private readonly key = new Uint32Array(2);

  constructor(private readonly hash: TextHash = fnvPair) {}

  /** The index of the first record with this id, or -1; then `index` is remembered for it. */
  firstOf(id: string, index: number): number {
    this.hash(id, this.key);
    const high = this.key[0];
    const low = this.key[1];
    // The entry a new id gets is the next one, so the table can take it in the same probe.
    let entry = this.table.getOrSetPair(high, low, this.count);
    if (entry === -1) {
      this.add(id, index);
      return -1;
    }
    let last = -1;
    while (entry !== -1) {
      if (this.holds(entry, id)) return this.field(entry, INDEX);
      last = entry;
      entry = this.field(entry, NEXT);
    }
    const added = this.add(id, index);
    this.entries[last >>> ENTRY_BITS][(last & ENTRY_MASK) * ENTRY + NEXT] = added;
    return -1;
  }

  private field(entry: number, field: number): number {
    return this.entries[entry >>> ENTRY_BITS][(entry & ENTRY_MASK) * ENTRY + field];
  }

  /** Whether the entry's id is `id`, code unit by code unit. */
  private holds(entry: number, id: string): boolean {
    if (this.field(entry, LENGTH) !== id.length) return false;
    const text = this.texts[this.field(entry, CHUNK)];
    const offset = this.field(entry, OFFSET);
    for (let i = 0; i < id.length; i++) if (text[offset + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  private add(id: string, index: number): number {
    const entry = this.count++;
    if ((entry & ENTRY_MASK) === 0)
      this.entries.push(tableInt32(ENTRY_CHUNK * ENTRY, entry * ENTRY * 4));
    let text = this.texts[this.texts.length - 1];
    if (text === undefined || this.used + id.length > text.length) {
      // A new chunk; an id longer than a chunk gets one of its own size.
      text = tableUint16(Math.max(TEXT_CHUNK, id.length), 2 * this.textUnits);
      this.textUnits += text.length;
      this.texts.push(text);
      this.used = 0;
    }
    for (let i = 0; i < id.length; i++) text[this.used + i] = id.charCodeAt(i);
    const at = (entry & ENTRY_MASK) * ENTRY;
    const entries = this.entries[entry >>> ENTRY_BITS];
    entries[at + INDEX] = index;
    entries[at + CHUNK] = this.texts.length - 1;
    entries[at + OFFSET] = this.used;
    entries[at + LENGTH] = id.length;
    entries[at + NEXT] = -1;
    this.used += id.length;
    return entry;
  }
}

const INDEX = 0;
const CHUNK = 1;
const OFFSET = 2;
const LENGTH = 3;
const NEXT = 4;
const ENTRY = 5;
/** Entries per chunk of their array; chunks are added, never copied. */
const ENTRY_BITS = 12;
const ENTRY_CHUNK = 1 << ENTRY_BITS;
const ENTRY_MASK = ENTRY_CHUNK - 1;
/** Code units per chunk of id texts (128 KiB). */
const TEXT_CHUNK = 1 << 16;

/** FNV-1a, and a variant with another basis and prime, over the text's code units. */
function fnvPair(text: string, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x0100019d);
  }
  out[0] = a;
  out[1] = b;
}
