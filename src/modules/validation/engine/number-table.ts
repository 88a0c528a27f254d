/**
 * A hash table from 64-bit keys (two 32-bit halves, or one non-negative integer below 2^53) to
 * non-negative int32 values, in typed arrays. A `Map<number, number>` with keys above the
 * small-integer range boxes every key as a heap number; with a few hundred thousand
 * conversations in the exact-duplicate index (and, before they got tables of their own, the
 * eight near-duplicate bands), that was millions of small objects for the garbage collector.
 * Open addressing with linear probing; the table doubles when it is half full.
 */
export class NumberTable {
  private high: Uint32Array;
  private low: Uint32Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.high = new Uint32Array(size);
    this.low = new Uint32Array(size);
    this.values = new Int32Array(size).fill(-1);
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
    high >>>= 0;
    low >>>= 0;
    for (let slot = slotOf(high, low) & this.mask; ; slot = (slot + 1) & this.mask) {
      const value = this.values[slot];
      if (value === -1) return -1;
      if (this.low[slot] === low && this.high[slot] === high) return value;
    }
  }

  /** Stores `value` (≥ 0) for `key`, replacing any earlier value. */
  set(key: number, value: number): void {
    this.setPair(Math.floor(key / 0x100000000) >>> 0, key >>> 0, value);
  }

  /** Stores `value` (≥ 0) for the key with these 32-bit halves, replacing any earlier value. */
  setPair(high: number, low: number, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    this.place(high >>> 0, low >>> 0, value);
  }

  private place(high: number, low: number, value: number): void {
    for (let slot = slotOf(high, low) & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.values[slot] === -1) {
        this.high[slot] = high;
        this.low[slot] = low;
        this.values[slot] = value;
        this.count++;
        return;
      }
      if (this.low[slot] === low && this.high[slot] === high) {
        this.values[slot] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { high, low, values } = this;
    const size = values.length * 2;
    this.high = new Uint32Array(size);
    this.low = new Uint32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.count = 0;
    for (let slot = 0; slot < values.length; slot++) {
      if (values[slot] !== -1) this.place(high[slot], low[slot], values[slot]);
    }
  }
}

/** Keys are hashes already, but keys that differ in few bits must still spread over the slots. */
function slotOf(high: number, low: number): number {
  const h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  return (h ^ (h >>> 16)) >>> 0;
}
