import { codeUnits } from '../../../common/code-units';
import { isCommonWord, kindsOf } from './lexicon';
import { doubled } from '../../../common/typed-arrays';

/**
 * A word of the text. Its lower-cased form is made only when asked for: most words are looked at
 * through their hash alone (is it a context word?) and never need a string of their own.
 */
export class Token {
  private cached: string | undefined;
  private cachedKinds = -1;
  private cachedCommon: boolean | undefined;

  constructor(
    private readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly capitalized: boolean,
    /** First word of the text, a sentence or a line: its capital says nothing. */
    readonly sentenceStart: boolean,
    /** FNV-1a of the lower-cased ASCII letters (other characters as they are). */
    readonly hash: number,
  ) {}

  get lower(): string {
    return (this.cached ??= this.text.slice(this.start, this.end).toLowerCase());
  }

  /** What the lists say the word is (FIRST_NAME, PLACE, ... bits of `kindsOf`). */
  get kinds(): number {
    if (this.cachedKinds === -1) this.cachedKinds = kindsOf(this.lower);
    return this.cachedKinds;
  }

  /** A common English word, inflections included (cached). */
  get common(): boolean {
    return (this.cachedCommon ??= isCommonWord(this.lower, this.kinds));
  }
}

/** The same hash as the tokenizer's, for the context words. */
export function wordHash(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Characters the pattern recognizers need (bits of `TextProfile.flags`). */
export const AT = 1;
export const COLON = 2;
export const DASH = 4;
/** A period followed by a letter ("example.org", "www."). */
export const DOT_LETTER = 8;
/** A period between two digits ("10.0.0.1", "3.5"). */
export const DIGIT_DOT = 16;
/** "www." in any case. */
export const WWW = 32;
export const SLASH = 64;
/** A run of digits that can be an age over 89: 90-99 or 100-119. */
export const AGE_LIKE = 128;
/** A number followed by a space or a comma, or by one letter and a space ("221B Baker"). */
export const DIGIT_SPACE = 256;
/** A number after a space. */
export const SPACE_DIGIT = 512;

/** What `\s` matches in a regular expression. */
function isSpace(code: number): boolean {
  return code < 128
    ? code === 32 || (code >= 9 && code <= 13)
    : code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000 ||
        code === 0xfeff;
}

/** What `[a-z]` matches under the i and u flags (Unicode case folding adds ſ and the Kelvin sign). */
function isFoldedLatinLetter(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 0x17f || code === 0x212a
  );
}

/** Whether the run of `run` digits ending before `end` reads 90-99 or 100-119. */
function ageLike(text: string, end: number, run: number): boolean {
  const first = text.charCodeAt(end - run);
  if (run === 2) return first === 57;
  if (run !== 3 || first !== 49) return false;
  const second = text.charCodeAt(end - 2);
  return second === 48 || second === 49;
}

/**
 * What the pattern recognizers need to know of a text before running any regex: how many digits
 * it has, which of the characters above, the lengths of its runs of digits (bit n set when some
 * run is n digits long, n ≥ 31 in bit 31), and its longest stretch of letters and digits.
 */
export interface TextProfile {
  digits: number;
  flags: number;
  runs: number;
  stretch: number;
}

/** The bit of a run of `length` digits in `TextProfile.runs`. */
export const runBit = (length: number) => (length < 31 ? 1 << length : 1 << 31);

const NON_ASCII_LETTER = /[\p{L}\p{M}]/u;
/** An ASCII letter's lower-case code, 0 for any other ASCII character. */
const FOLDED = new Uint8Array(128);
for (let code = 65; code <= 90; code++) FOLDED[code] = FOLDED[code + 32] = code + 32;

function isLetterCode(code: number, text: string, i: number): boolean {
  return code < 128 ? FOLDED[code] !== 0 : NON_ASCII_LETTER.test(text[i]);
}

/** Characters after which a word starts a sentence or a line (SENTENCE_END, by code). */
function endsSentence(code: number): boolean {
  switch (code) {
    case 46: // .
    case 33: // !
    case 63: // ?
    case 10: // line feed
    case 34: // "
    case 0x201c: // “
    case 58: // :
    case 59: // ;
    case 40: // (
    case 42: // *
    case 0x2022: // •
    case 45: // -
      return true;
    default:
      return false;
  }
}

/**
 * The words of the last text tokenized, kept in typed arrays that every call reuses: most words
 * are looked at through their hash and capital alone, and only those looked at more closely
 * become Token objects (`at`). A list is valid until the next call of `tokenize`.
 */
export class TokenList {
  private readonly objects: (Token | undefined)[] = [];

  constructor(
    private readonly text: string,
    readonly length: number,
    private readonly generation: number,
  ) {}

  /** The i-th word as an object (made once). */
  at(i: number): Token {
    if (this.generation !== generation) throw new Error('token list used after the next tokenize');
    return (this.objects[i] ??= new Token(
      this.text,
      STARTS[i],
      ENDS[i],
      (BITS[i] & CAPITALIZED) !== 0,
      (BITS[i] & SENTENCE_START) !== 0,
      HASHES[i] >>> 0,
    ));
  }

  /** The i-th word, or undefined outside the list. */
  get(i: number): Token | undefined {
    return i >= 0 && i < this.length ? this.at(i) : undefined;
  }

  hash(i: number): number {
    return HASHES[i] >>> 0;
  }

  capitalized(i: number): boolean {
    return (BITS[i] & CAPITALIZED) !== 0;
  }

  /** The word's length in characters. */
  width(i: number): number {
    return ENDS[i] - STARTS[i];
  }

  /** Whether the i-th word is `word` (lower case ASCII) once its ASCII capitals are lowered. */
  is(i: number, word: string): boolean {
    const start = STARTS[i];
    if (ENDS[i] - start !== word.length) return false;
    for (let k = 0; k < word.length; k++) {
      const code = this.text.charCodeAt(start + k);
      if ((code >= 65 && code <= 90 ? code | 32 : code) !== word.charCodeAt(k)) return false;
    }
    return true;
  }
}

const CAPITALIZED = 1;
const SENTENCE_START = 2;
let STARTS = new Int32Array(256);
let ENDS = new Int32Array(256);
let HASHES = new Int32Array(256);
let BITS = new Uint8Array(256);
let generation = 0;

function growTokenArrays(): void {
  STARTS = doubled(STARTS);
  ENDS = doubled(ENDS);
  HASHES = doubled(HASHES);
  BITS = doubled(BITS);
}

/**
 * Words: letters, with inner apostrophes and hyphens ("O'Brien", "Hubbard-Thomas"); a possessive
 * is not part of the name ("Sumaya's kid"). One pass over the characters, no regex per word; the
 * same pass makes the text's profile for the pattern recognizers.
 */
export function tokenize(text: string): { tokens: TokenList; profile: TextProfile } {
  let count = 0;
  const length = text.length;
  const units = codeUnits(text);
  let digits = 0;
  let flags = 0;
  let runs = 0;
  let run = 0;
  let stretch = 0;
  // Where the current stretch of letters and digits began.
  let stretchStart = 0;
  // The last character before the next word that is not a space or a tab (-1: none yet).
  let mark = -1;
  let i = 0;
  while (i < length) {
    const code = units[i];
    if (code >= 48 && code <= 57) {
      if (run === 0 && i > 0 && isSpace(units[i - 1])) flags |= SPACE_DIGIT;
      digits++;
      run++;
      mark = code;
      i++;
      continue;
    }
    if (run > 0) {
      runs |= runBit(run);
      if ((run === 2 || run === 3) && ageLike(text, i, run)) flags |= AGE_LIKE;
      if (code === 44 || isSpace(code) || (isFoldedLatinLetter(code) && isSpace(units[i + 1])))
        flags |= DIGIT_SPACE;
      run = 0;
    }
    if (!isLetterCode(code, text, i)) {
      if (i - stretchStart > stretch) stretch = i - stretchStart;
      stretchStart = i + 1;
      if (code !== 32 && code !== 9) {
        mark = code;
        if (code === 64) flags |= AT;
        else if (code === 58) flags |= COLON;
        else if (code === 45) flags |= DASH;
        else if (code === 47) flags |= SLASH;
        else if (code === 46) {
          const next = units[i + 1];
          const folded = next | 32;
          if (folded >= 97 && folded <= 122) flags |= DOT_LETTER;
          if (i >= 3 && (units[i - 1] | 32) === 119 && /^www$/i.test(text.slice(i - 3, i)))
            flags |= WWW;
          else if (next >= 48 && next <= 57 && i > 0) {
            const previous = units[i - 1];
            if (previous >= 48 && previous <= 57) flags |= DIGIT_DOT;
          }
        }
      }
      i++;
      continue;
    }
    const start = i;
    let hash = 0x811c9dc5;
    // The 0 after the text's last character ends the word there.
    for (;;) {
      const code = units[i];
      // Letters hash as their lower case (ASCII) or as they are (the rest).
      const letter = code < 128 ? FOLDED[code] : NON_ASCII_LETTER.test(text[i]) ? code : 0;
      if (letter !== 0) {
        hash = Math.imul(hash ^ letter, 0x01000193);
        i++;
      } else if (
        (code === 39 || code === 0x2019 || code === 45) &&
        i + 1 < length &&
        isLetterCode(units[i + 1], text, i + 1)
      ) {
        if (code === 45) flags |= DASH;
        hash = Math.imul(hash ^ code, 0x01000193);
        i++;
      } else break;
    }
    let end = i;
    if (end - start > 2 && (units[end - 1] | 32) === 115) {
      const quote = units[end - 2];
      if (quote === 39 || quote === 0x2019) end -= 2;
    }
    const first = units[start];
    const capitalized =
      first < 128 ? first >= 65 && first <= 90 : text[start] !== text[start].toLowerCase();
    if (count === STARTS.length) growTokenArrays();
    STARTS[count] = start;
    ENDS[count] = end;
    HASHES[count] = hash;
    BITS[count] =
      (capitalized ? CAPITALIZED : 0) |
      (mark === -1 || (mark !== 0 && endsSentence(mark)) ? SENTENCE_START : 0);
    count++;
    // After a word, the character before the next one is a letter until another is seen.
    mark = 0;
  }
  if (run > 0) {
    runs |= runBit(run);
    if ((run === 2 || run === 3) && ageLike(text, length, run)) flags |= AGE_LIKE;
  }
  if (length - stretchStart > stretch) stretch = length - stretchStart;
  return {
    tokens: new TokenList(text, count, ++generation),
    profile: { digits, flags, runs, stretch },
  };
}
