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
  /** Clause number of each word: a sentence end, a comma, a colon, a dash or a bracket ends one. */
  clauses: number[];
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

/** What lies between two tokens: 2 a sentence end, 1 a clause end, 0 neither. */
function boundary(text: string, from: number, to: number): number {
  let found = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (
      code === FULL_STOP ||
      code === BANG ||
      code === QUESTION ||
      code === SEMICOLON ||
      code === NEWLINE
    )
      return 2;
    if (
      code === 44 || // ,
      code === 58 || // :
      code === 40 || // (
      code === 41 || // )
      code === 0x2014 || // —
      code === 0x2013 || // –
      (code === 45 && text.charCodeAt(i - 1) === 32) // " - "
    )
      found = 1;
  }
  return found;
}

/** One regular-expression pass over the folded text. */
export function tokenize(text: string): Tokens {
  const folded = foldText(text);
  const words: string[] = [];
  const sentences: number[] = [];
  const clauses: number[] = [];
  let sentence = 0;
  let clause = 0;
  let previousEnd = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(folded); match !== null; match = TOKEN.exec(folded)) {
    if (words.length > 0) {
      const between = boundary(folded, previousEnd, match.index);
      if (between === 2) sentence++;
      if (between > 0) clause++;
    }
    words.push(match[0]);
    sentences.push(sentence);
    clauses.push(clause);
    previousEnd = match.index + match[0].length;
  }
  return { words, sentences, clauses };
}

/** The tokens of a lexicon term, joined by single spaces: the key terms are stored under. */
export function termKey(term: string): string {
  return tokenize(term).words.join(' ');
}
