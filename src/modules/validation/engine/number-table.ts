import { tableUint32 } from './table-memory';

/**
 * A hash table from 64-bit keys (two 32-bit halves, or one non-negative integer below 2^53) to
 * non-negative int32 values, in typed arrays. A `Map<number, number>` with keys above the
 * small-integer range boxes every key as a heap number; with a few hundred thousand
 * conversations in the exact-duplicate index (and, before they got tables of their own, the
 * eight near-duplicate bands), that was millions of small objects for the garbage collector.
 * Open addressing with linear probing; the table doubles when it is half full.
 */
export class NumberTable {
  /**
   * SLOT uint32 per slot, side by side: the key's high and low halves, the value + 1 (0 for an
   * empty slot), and one unused so that a slot never straddles a cache line. Storing a new key
   * reads and writes one line; with the halves and the values in three arrays it read one and
   * wrote two more, each likely a cache miss once the table outgrows the cache.
   */
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
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
    // An empty slot holds 0, which is -1 as a value.
    return this.slots[this.probe(high >>> 0, low >>> 0) + 2] - 1;
  }

  /**
   * The value stored for the key with these 32-bit halves; if there is none, stores `value`
   * (≥ 0) for it and answers -1. One probe where getPair and then setPair make two.
   */
  getOrSetPair(high: number, low: number, value: number): number {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    high >>>= 0;
    low >>>= 0;
    const at = this.probe(high, low);
    const stored = this.slots[at + 2];
    if (stored === 0) this.fill(at, high, low, value + 1);
    return stored - 1;
  }

  /** Stores `value` (≥ 0) for `key`, replacing any earlier value. */
  set(key: number, value: number): void {
    this.setPair(Math.floor(key / 0x100000000) >>> 0, key >>> 0, value);
  }

  /** Stores `value` (≥ 0) for the key with these 32-bit halves, replacing any earlier value. */
  setPair(high: number, low: number, value: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.place(high >>> 0, low >>> 0, value + 1);
  }

  /** Where the key (unsigned halves) is, or the empty slot where it would go: an array index. */
  private probe(high: number, low: number): number {
    const slots = this.slots;
    for (let slot = slotOf(high, low) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * SLOT;
      if (slots[at + 2] === 0 || (slots[at + 1] === low && slots[at] === high)) return at;
    }
  }

  /** Puts `stored` (the value + 1) in the key's slot. */
  private place(high: number, low: number, stored: number): void {
    const at = this.probe(high, low);
    if (this.slots[at + 2] === 0) this.fill(at, high, low, stored);
    else this.slots[at + 2] = stored;
  }

  private fill(at: number, high: number, low: number, stored: number): void {
    this.slots[at] = high;
    this.slots[at + 1] = low;
    this.slots[at + 2] = stored;
    this.count++;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = tableUint32(old.length * 2, 4 * old.length);
    this.mask = (old.length / SLOT) * 2 - 1;
    this.count = 0;
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at + 2] !== 0) this.place(old[at], old[at + 1], old[at + 2]);
    }
  }
}

/** Uint32 per slot of a NumberTable. */
const SLOT = 4;

/** Keys are hashes already, but keys that differ in few bits must still spread over the slots. */
function slotOf(high: number, low: number): number {
  const h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  return (h ^ (h >>> 16)) >>> 0;
}
