import type { CanonicalConversation } from '../../standardization/conversation/canonical';
import { NearDuplicates } from './quality';

/** Word hashes stand for the conversation in NearDuplicates.add; the conversation is not read. */
const unused = {} as CanonicalConversation;

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
      const match = index.add(unused, words(n + 1));
      if (match !== -1) found.push([n, match]);
    }
    expect(found).toEqual([]);
    expect(index.add(unused, edited(4))).toBe(3);
    expect(index.add(unused, edited(12_346))).toBe(12_345);
    expect(index.add(unused, edited(19_999))).toBe(19_998);
    expect(index.add(unused, words(1_000_000))).toBe(-1);
  });

  it('keeps finding a conversation after many copies of it filled its buckets', () => {
    const index = new NearDuplicates();
    index.add(unused, words(1));
    for (let n = 0; n < 5_000; n++) index.add(unused, words(n + 10));
    const matches = Array.from({ length: 40 }, () => index.add(unused, words(1)));
    expect(matches).toEqual(Array(40).fill(0));
    // The copies joined the buckets up to their limit; the first conversation is still found.
    expect(index.add(unused, edited(1))).toBe(0);
  });
});
