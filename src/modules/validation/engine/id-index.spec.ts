import { IdIndex } from './id-index';

describe('IdIndex', () => {
  it('gives the first record of each id, over many ids and text chunks', () => {
    const index = new IdIndex();
    const ids = Array.from({ length: 30_000 }, (_, i) => `conv-${i}-${'é'.repeat(i % 5)}`);
    ids.forEach((id, i) => expect(index.firstOf(id, i)).toBe(-1));
    expect(index.firstOf('conv-0-', 30_000)).toBe(0);
    expect(index.firstOf('conv-29999-éééé', 30_001)).toBe(29_999);
    expect(index.firstOf('conv-12346-', 30_002)).toBe(-1);
    expect(index.firstOf('conv-12346-', 30_003)).toBe(30_002);
  });

  it('keeps an id longer than a text chunk, and the short ones after it', () => {
    const index = new IdIndex();
    const long = 'x'.repeat(70_000);
    expect(index.firstOf('a', 0)).toBe(-1);
    expect(index.firstOf(long, 1)).toBe(-1);
    expect(index.firstOf('b', 2)).toBe(-1);
    expect(index.firstOf(`${long.slice(1)}y`, 3)).toBe(-1);
    expect([long, 'a', 'b'].map((id, i) => index.firstOf(id, 10 + i))).toEqual([1, 0, 2]);
  });

  it('tells apart ids whose hashes are the same', () => {
    // Every id gets one hash: only the stored code units tell them apart.
    const index = new IdIndex((_text, out) => out.fill(7));
    const ids = ['session-1', 'session-2', 'session-10', 'Session-1', 'session-1 '];
    ids.forEach((id, i) => expect(index.firstOf(id, i)).toBe(-1));
    expect(ids.map((id, i) => index.firstOf(id, 100 + i))).toEqual([0, 1, 2, 3, 4]);
    expect(index.firstOf('', 200)).toBe(-1);
    expect(index.firstOf('', 201)).toBe(200);
  });
});
