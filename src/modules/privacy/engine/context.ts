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
  const from = Math.max(0, start - 60);
  const to = Math.min(text.length, end + 30);
  // The words are read off the characters directly (no slices, no regex) where the text around
  // is ASCII; elsewhere lower-casing can change lengths, and the general path is taken.
  const all =
    isAscii(text, from, start) && isAscii(text, end, to)
      ? [...asciiWordsBefore(text, from, start, 5), ...asciiWordsAfter(text, end, to, 2)]
      : (({ before, after }) => [...before, ...after])(wordsAround(text, start, end));
  const phrases = hasPhrases(words);
  for (let i = 0; i < all.length; i++) {
    if (words.has(all[i])) return true;
    if (phrases && i + 1 < all.length && words.has(`${all[i]} ${all[i + 1]}`)) return true;
  }
  return false;
}

const PHRASES = new WeakMap<ReadonlySet<string>, boolean>();
function hasPhrases(words: ReadonlySet<string>): boolean {
  let known = PHRASES.get(words);
  if (known === undefined) PHRASES.set(words, (known = [...words].some((w) => w.includes(' '))));
  return known;
}

function isAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** A character of a word, as WORD has them (ASCII only: letters, digits, apostrophe). */
function isWordCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 39
  );
}

/** The last `count` words in text[from, to), lower-cased, in order. */
function asciiWordsBefore(text: string, from: number, to: number, count: number): string[] {
  const found: string[] = [];
  let i = to;
  while (found.length < count) {
    while (i > from && !isWordCode(text.charCodeAt(i - 1))) i--;
    if (i === from) break;
    const wordEnd = i;
    while (i > from && isWordCode(text.charCodeAt(i - 1))) i--;
    found.push(text.slice(i, wordEnd).toLowerCase());
  }
  return found.reverse();
}

/** The first `count` words in text[from, to), lower-cased. */
function asciiWordsAfter(text: string, from: number, to: number, count: number): string[] {
  const found: string[] = [];
  let i = from;
  while (found.length < count) {
    while (i < to && !isWordCode(text.charCodeAt(i))) i++;
    if (i === to) break;
    const wordStart = i;
    while (i < to && isWordCode(text.charCodeAt(i))) i++;
    found.push(text.slice(wordStart, i).toLowerCase());
  }
  return found;
}

export const boosted = (score: number) => Math.min(1, score + CONTEXT_BOOST);
