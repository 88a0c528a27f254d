/**
 * Context words (Presidio's method): a word from the recognizer's list among the five words
 * before a match (or the two after it) raises the match's score by 0.35, up to 1.
 */
export const CONTEXT_BOOST = 0.35;

const WORD = /[\p{L}\p{N}']+/gu;

/** The lower-cased words around [start, end): `before` words before and `after` words after. */
export function wordsAround(text: string, start: number, end: number, before = 5, after = 2) {
  const head =
    text
      .slice(Math.max(0, start - 60), start)
      .toLowerCase()
      .match(WORD) ?? [];
  const tail =
    text
      .slice(end, end + 30)
      .toLowerCase()
      .match(WORD) ?? [];
  return { before: head.slice(-before), after: tail.slice(0, after) };
}

/** Whether any context word (or two-word phrase) appears around the match. */
export function hasContext(
  text: string,
  start: number,
  end: number,
  words: ReadonlySet<string>,
): boolean {
  if (words.size === 0) return false;
  const { before, after } = wordsAround(text, start, end);
  const all = [...before, ...after];
  for (let i = 0; i < all.length; i++) {
    if (words.has(all[i])) return true;
    if (i + 1 < all.length && words.has(`${all[i]} ${all[i + 1]}`)) return true;
  }
  return false;
}

export const boosted = (score: number) => Math.min(1, score + CONTEXT_BOOST);
