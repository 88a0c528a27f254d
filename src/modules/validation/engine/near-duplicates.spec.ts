import type { CanonicalConversation } from '../../standardization/conversation/canonical';
import { BandHeads, minHashOf, NearDuplicates } from './quality';

/** Word hashes stand for the conversation in NearDuplicates.add; the conversation is not read. */
const unused = {} as CanonicalConversation;
const add = (index: NearDuplicates, words: number[]) => index.add(unused, minHashOf(words));

/** 48 pseudo-random word hashes per seed (xorshift), so texts of different seeds share none. */
function words(seed: number): number[] {
  let state = (seed * 0x9e3779b1) | 1;
  return Array.from({ length: 48 }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state | 0;
  });
}

/** The same words with the last two changed: 44 of 46 shingles kept. */
const edited = (seed: number) => [...words(seed).slice(0, 46), seed, -seed];

describe('NearDuplicates', () => {
  it('finds near-duplicates across many conversations, whichever came first', () => {
    const index = new NearDuplicates();
    const found: [number, number][] = [];
    // Enough conversations for the arrays to span several chunks.
    for (let n = 0; n < 20_000; n++) {
      const match = add(index, words(n + 1));
      if (match !== -1) found.push([n, match]);
    }
    expect(found).toEqual([]);
    expect(add(index, edited(4))).toBe(3);
    expect(add(index, edited(12_346))).toBe(12_345);
    expect(add(index, edited(19_999))).toBe(19_998);
    expect(add(index, words(1_000_000))).toBe(-1);
  });

  it('keeps finding a conversation after many copies of it filled its buckets', () => {
    const index = new NearDuplicates();
    add(index, words(1));
    for (let n = 0; n < 5_000; n++) add(index, words(n + 10));
    const matches = Array.from({ length: 40 }, () => add(index, words(1)));
    expect(matches).toEqual(Array(40).fill(0));
    // The copies joined the buckets up to their limit; the first conversation is still found.
    expect(add(index, edited(1))).toBe(0);
  });

  it('walks a bucket from its head, then its members from the newest', () => {
    // All four share the first band's key; the members are alike, the head like none of them.
    const signature = (last: number[]) =>
      Uint32Array.from([7, 9, ...Array.from({ length: 14 }, (_, i) => last[i] ?? 1000 + i)]);
    const head = signature(Array.from({ length: 14 }, (_, i) => 500 + i));
    const member = signature([]);
    const newer = signature([
      1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 99,
    ]);
    const latest = signature([
      1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 98, 97,
    ]);
    const index = new NearDuplicates();
    expect([head, member, newer, latest].map((minimums) => index.add(unused, minimums))).toEqual([
      -1, -1, 1, 2,
    ]);
  });

  it('calls a conversation near when 11 of its 16 minimums agree, not 10', () => {
    // The first band's key is kept, so the two meet; the minimums that differ differ only in
    // their top bit or their lowest, the edges of a comparison counted without branches.
    const first = Uint32Array.from({ length: 16 }, (_, i) => (0x80000001 + i * 0x01234567) >>> 0);
    const differing = (count: number) =>
      first.map((value, i) => (i >= 2 && i < 2 + count ? value ^ (i % 2 ? 1 : 0x80000000) : value));
    const near = (count: number) => {
      const index = new NearDuplicates();
      index.add(unused, first);
      return index.add(unused, differing(count));
    };
    expect([0, 1, 5, 6, 14].map(near)).toEqual([0, 0, 0, -1, -1]);
  });
});

describe('BandHeads', () => {
  /** Conversations' signatures as NearDuplicates keeps them: 16 minimums each, 4096 a chunk. */
  const chunk = () => new Uint32Array(4096 * 16);
  const setKey = (signatures: Uint32Array[], id: number, high: number, low: number) => {
    const at = (id % 4096) * 16;
    signatures[Math.floor(id / 4096)][at + 2] = high;
    signatures[Math.floor(id / 4096)][at + 3] = low;
  };
  /** The head of the bucket of conversation `id`'s key, or -1 when `id` heads a new one. */
  const headOf = (heads: BandHeads, signatures: Uint32Array[], id: number) => {
    const bucket = heads.bucketOf(id, signatures[Math.floor(id / 4096)], (id % 4096) * 16);
    return bucket < 0 ? -1 : heads.headOf(bucket);
  };

  it('tells apart keys whose slot hashes are the same', () => {
    const signatures = [chunk()];
    const heads = new BandHeads(1);
    // The slot hash mixes high ^ low * 0x9e3779b1: these two keys give the same one.
    const spread = (low: number) => Math.imul(low, 0x9e3779b1) >>> 0;
    setKey(signatures, 0, 1234, 5);
    setKey(signatures, 1, (1234 ^ spread(5) ^ spread(6)) >>> 0, 6);
    setKey(signatures, 2, (1234 ^ spread(5) ^ spread(6)) >>> 0, 6);
    setKey(signatures, 3, 1234, 5);
    // A first minimum with its top bit set (an int32 below 0 once kept).
    setKey(signatures, 4, 0x80000000 + 1234, 5);
    setKey(signatures, 5, 0x80000000 + 1234, 5);
    expect([0, 1, 2, 3, 4, 5].map((id) => headOf(heads, signatures, id))).toEqual([
      -1, -1, 1, 0, -1, 4,
    ]);
  });

  it.each([
    ['its own memory', undefined],
    ['memory given for its first buckets', new Int32Array(1024 * 4)],
  ])('keeps every head as it grows, in %s, comparing 21 bits of the second minimum', (_, first) => {
    const signatures = [chunk(), chunk(), chunk()];
    const heads = new BandHeads(1, first);
    for (let id = 0; id < 6000; id++) setKey(signatures, id, id * 7919, id);
    for (let id = 0; id < 6000; id++) expect(headOf(heads, signatures, id)).toBe(-1);
    setKey(signatures, 6000, 4321 * 7919, 4321 + 0x200000);
    expect(headOf(heads, signatures, 6000)).toBe(4321);
    setKey(signatures, 6001, 4321 * 7919, 4322);
    expect(headOf(heads, signatures, 6001)).toBe(-1);
  });
});
