import { tableUint32 } from './table-memory';

/**
 * Whether a table of `size` slots that holds `count` keys, probed linearly, must grow before it
 * takes one more: past three quarters full. Tables that grew at half full were twice as large,
 * and their size is what these machines pay for: a random read misses the cache once a table
 * outgrows a few MB, and costs 100-250 ns (measured, one read waiting for the other) where one
 * within 4 MB costs about 20. The longer probes of a fuller table stay within a cache line or
 * two. Separate processes taken in turns, unique 100 MB bench file: about 4% less time for this
 * alone.
 */
export function overFull(count: number, size: number): boolean {
  return (count + 1) * 4 > size * 3;
}

/**
 * A hash table from 64-bit keys (two 32-bit halves, or one non-negative integer below 2^53) to
 * non-negative int32 values, in typed arrays. A `Map<number, number>` with keys above the
 * small-integer range boxes every key as a heap number; with a few hundred thousand
 * conversations in the exact-duplicate index, that was millions of small objects for the
 * garbage collector.
 *
 * Keys and values are kept once each, in the order they came (chunks that are added, never
 * copied, and that are written one after another). The slots a lookup reads at random hold only
 * a key's low half and its entry: 8 bytes a slot, where slots that held the whole key and value
 * took 16, so the part of the table read at random is a quarter the size it was (4 MB, not 16,
 * for 300k keys). The high half is read from the entry only when the low halves agree, that is
 * for a key the table holds, and almost never otherwise. Open addressing with linear probing.
 */
export class NumberTable {
  /** SLOT uint32 per slot: the key's low half, and its entry + 1 (0 for an empty slot). */
  private slots: Uint32Array;
  private mask: number;
  /** ENTRY uint32 per entry, in chunks of CHUNK entries: the key's halves and the value. */
  private readonly entries: Uint32Array[] = [];
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (overFull(capacity - 1, size)) size *= 2;
    this.slots = new Uint32Array(size * SLOT);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for `key`, or -1. */
  get(key: number): number {
    return this.getPair(Math.floor(key / 0x100000000) >>> 0, key >>> 0);
  }

  /** The value stored for the key with these 32-bit halves, or -1. */
  getPair(high: number, low: number): number {
    const entry = this.find(high >>> 0, low >>> 0);
    return entry < 0 ? -1 : this.field(entry, VALUE);
  }

  /**
   * The value stored for the key with these 32-bit halves; if there is none, stores `value`
   * (≥ 0) for it and answers -1. One probe where getPair and then setPair make two.
   */
  getOrSetPair(high: number, low: number, value: number): number {
    high >>>= 0;
    low >>>= 0;
    const entry = this.find(high, low);
    if (entry >= 0) return this.field(entry, VALUE);
    this.add(~entry, high, low, value);
    return -1;
  }

  /** Stores `value` (≥ 0) for `key`, replacing any earlier value. */
  set(key: number, value: number): void {
    this.setPair(Math.floor(key / 0x100000000) >>> 0, key >>> 0, value);
  }

  /** Stores `value` (≥ 0) for the key with these 32-bit halves, replacing any earlier value. */
  setPair(high: number, low: number, value: number): void {
    high >>>= 0;
    low >>>= 0;
    const entry = this.find(high, low);
    if (entry < 0) this.add(~entry, high, low, value);
    else this.entries[entry >>> CHUNK_BITS][(entry & CHUNK_MASK) * ENTRY + VALUE] = value;
  }

  /** The key's entry (unsigned halves), or ~slot for the empty slot where it would go. */
  private find(high: number, low: number): number {
    const slots = this.slots;
    for (let slot = slotOf(high, low) & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = slots[slot * SLOT + 1];
      if (stored === 0) return ~slot;
      if (slots[slot * SLOT] === low && this.field(stored - 1, HIGH) === high) return stored - 1;
    }
  }

  private field(entry: number, field: number): number {
    return this.entries[entry >>> CHUNK_BITS][(entry & CHUNK_MASK) * ENTRY + field];
  }

  /** Adds the key's entry, in `slot` (empty) unless the table must grow first. */
  private add(slot: number, high: number, low: number, value: number): void {
    if (overFull(this.count, this.mask + 1)) {
      this.grow();
      slot = this.free(high, low);
    }
    const entry = this.count++;
    if ((entry & CHUNK_MASK) === 0) this.entries.push(tableUint32(CHUNK * ENTRY, this.held()));
    const chunk = this.entries[entry >>> CHUNK_BITS];
    const at = (entry & CHUNK_MASK) * ENTRY;
    chunk[at + HIGH] = high;
    chunk[at + LOW] = low;
    chunk[at + VALUE] = value;
    this.slots[slot * SLOT] = low;
    this.slots[slot * SLOT + 1] = entry + 1;
  }

  /** The memory the table holds (see table-memory.ts). */
  private held(): number {
    return this.slots.byteLength + this.entries.length * CHUNK * ENTRY * 4;
  }

  /** The first empty slot on the probe path of the key. */
  private free(high: number, low: number): number {
    let slot = slotOf(high, low) & this.mask;
    while (this.slots[slot * SLOT + 1] !== 0) slot = (slot + 1) & this.mask;
    return slot;
  }

  /** Twice the slots, filled from the entries (read in order, not from the old slots). */
  private grow(): void {
    const size = 2 * (this.mask + 1);
    this.slots = tableUint32(size * SLOT, this.held());
    this.mask = size - 1;
    for (let entry = 0; entry < this.count; entry++) {
      const chunk = this.entries[entry >>> CHUNK_BITS];
      const at = (entry & CHUNK_MASK) * ENTRY;
      const slot = this.free(chunk[at + HIGH], chunk[at + LOW]);
      this.slots[slot * SLOT] = chunk[at + LOW];
      this.slots[slot * SLOT + 1] = entry + 1;
    }
  }
}

/** Uint32 per slot of a NumberTable. */
const SLOT = 2;
/** Uint32 per entry, and what each holds. */
const ENTRY = 3;
const HIGH = 0;
const LOW = 1;
const VALUE = 2;
/** Entries per chunk (24 KiB: a validator of a few records allocates little). */
const CHUNK_BITS = 11;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/** Keys are hashes already, but keys that differ in few bits must still spread over the slots. */
function slotOf(high: number, low: number): number {
  const h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  return (h ^ (h >>> 16)) >>> 0;
}
