/**
 * Word tokens for lexicon matching: lower case, accents folded, hyphens and slashes as spaces (so
 * "hard-of-hearing" and "hard of hearing" give the same tokens), and the clitics 's 'm 're 'd 'll
 * 've split off ("she's" -> she 's) so that pronouns and possessives stay visible. Negations stay
 * whole ("don't", "can't"). The lexicon is tokenised by the same function, which is what makes
 * the variants match.
 */
export interface Tokens {
  words: string[];
  /** Sentence number of each word: . ! ? ; and line breaks end a sentence. */
  sentences: number[];
}

const TOKEN = /[a-z0-9]+(?:'(?!(?:s|m|re|d|ll|ve)\b)[a-z]+)*|'(?:s|m|re|d|ll|ve)\b/g;
const NOT_ASCII = /[^\x20-\x7E\n\r\t]/;
const QUOTES = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
const COMBINING_MARKS = /[\u0300-\u036F]/g;

/** Lower case; only text outside plain ASCII pays for quote and accent folding. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NOT_ASCII.test(lower)) return lower;
  return lower.replace(QUOTES, "'").normalize('NFD').replace(COMBINING_MARKS, '');
}

/** Character codes that end a sentence between two tokens. */
const FULL_STOP = 46;
const BANG = 33;
const QUESTION = 63;
const SEMICOLON = 59;
const NEWLINE = 10;

function endsSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (
      code === FULL_STOP ||
      code === BANG ||
      code === QUESTION ||
      code === SEMICOLON ||
      code === NEWLINE
    )
      return true;
  }
  return false;
}

/** One regular-expression pass over the folded text. */
export function tokenize(text: string): Tokens {
  const folded = foldText(text);
  const words: string[] = [];
  const sentences: number[] = [];
  let sentence = 0;
  let previousEnd = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(folded); match !== null; match = TOKEN.exec(folded)) {
    if (words.length > 0 && endsSentence(folded, previousEnd, match.index)) sentence++;
    words.push(match[0]);
    sentences.push(sentence);
    previousEnd = match.index + match[0].length;
  }
  return { words, sentences };
}

/** The tokens of a lexicon term, joined by single spaces: the key terms are stored under. */
export function termKey(term: string): string {
  return tokenize(term).words.join(' ');
}
