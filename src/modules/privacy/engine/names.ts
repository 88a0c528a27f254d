import { boosted } from './context';
import type { Finding } from './entities';
import {
  COUNTRIES,
  FIRST_NAMES,
  isCommonWord,
  isOrdinaryWord,
  LAST_NAMES,
  PLACE_FIRST_WORDS,
  PLACE_MAX_WORDS,
  PLACES,
} from './lexicon';

/**
 * A word of the text. Its lower-cased form is made only when asked for: most words are looked at
 * through their hash alone (is it a context word?) and never need a string of their own.
 */
class Token {
  private cached: string | undefined;

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
}

/** The same hash as the tokenizer's, for the context words. */
function wordHash(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam', 'mister']);
/** Right before a name: "my name is", "call me", "named" (their lower-cased text ends so). */
const NAME_LEAD =
  /(?:name is|name's|name:|names:|name was|call me|calls me|called|named|is under|last name\??|first name\??|surname\??|signed|regards,?|sincerely,?)\s*$/;
/** The last word of each NAME_LEAD phrase: only after one of them is the phrase looked for. */
const LEAD_TAILS = new Set([
  'is',
  'name',
  'names',
  'was',
  'me',
  'called',
  'named',
  'under',
  'surname',
  'signed',
  'regards',
  'sincerely',
]);
/** Words near a person's name that make a name-list word more likely to be one. */
const PERSON_CONTEXT = new Set([
  'name',
  'named',
  'called',
  'mr',
  'mrs',
  'ms',
  'dr',
  'patient',
  'client',
  'husband',
  'wife',
  'son',
  'daughter',
  'brother',
  'sister',
  'mother',
  'father',
  'mom',
  'dad',
  'friend',
  'boyfriend',
  'girlfriend',
  'partner',
  'kid',
  'boss',
  'said',
  'told',
  'asked',
  'given',
  'dear',
  'hi',
  'hello',
  'thanks',
]);
/** Words right before a place: "in", "from", "moved to", "grew up in". */
const PLACE_LEAD = new Set([
  'in',
  'from',
  'near',
  'to',
  'at',
  'visit',
  'visited',
  'visiting',
  'outside',
  'around',
  'toward',
  'towards',
]);
/** Hashes of every context word: a word whose hash is not here is none of them. */
const CONTEXT_HASHES = new Set([...PERSON_CONTEXT, ...PLACE_LEAD, ...LEAD_TAILS].map(wordHash));

const NON_ASCII_LETTER = /[\p{L}\p{M}]/u;
const ASCII_LETTER = new Uint8Array(128);
for (let code = 65; code <= 90; code++) ASCII_LETTER[code] = ASCII_LETTER[code + 32] = 1;

function isLetterCode(code: number, text: string, i: number): boolean {
  return code < 128 ? ASCII_LETTER[code] === 1 : NON_ASCII_LETTER.test(text[i]);
}

function isLetter(text: string, i: number): boolean {
  return isLetterCode(text.charCodeAt(i), text, i);
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
 * Words: letters, with inner apostrophes and hyphens ("O'Brien", "Hubbard-Thomas"); a possessive
 * is not part of the name ("Sumaya's kid"). One pass over the characters, no regex per word.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (!isLetterCode(text.charCodeAt(i), text, i)) {
      i++;
      continue;
    }
    const start = i;
    let hash = 0x811c9dc5;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (isLetterCode(code, text, i)) {
        hash = Math.imul(hash ^ (code >= 65 && code <= 90 ? code | 32 : code), 0x01000193);
        i++;
      } else if (
        (code === 39 || code === 0x2019 || code === 45) &&
        i + 1 < length &&
        isLetter(text, i + 1)
      ) {
        hash = Math.imul(hash ^ code, 0x01000193);
        i++;
      } else break;
    }
    let end = i;
    if (end - start > 2 && (text.charCodeAt(end - 1) | 32) === 115) {
      const mark = text.charCodeAt(end - 2);
      if (mark === 39 || mark === 0x2019) end -= 2;
    }
    let before = start - 1;
    while (before >= 0 && (text.charCodeAt(before) === 32 || text.charCodeAt(before) === 9))
      before--;
    const first = text.charCodeAt(start);
    const capitalized =
      first < 128 ? first >= 65 && first <= 90 : text[start] !== text[start].toLowerCase();
    tokens.push(
      new Token(
        text,
        start,
        end,
        capitalized,
        before < 0 || endsSentence(text.charCodeAt(before)),
        hash >>> 0,
      ),
    );
  }
  return tokens;
}

/** Whether only spaces (and at most one period after a title) separate two tokens. */
function adjacent(text: string, left: Token, right: Token, allowLineBreak = false): boolean {
  for (let i = left.end; i < right.start; i++) {
    const char = text[i];
    if (char === ' ' || char === '\t') continue;
    if (allowLineBreak && char === '\n') continue;
    return false;
  }
  return right.start > left.end;
}

/**
 * Names and places from the name lists (first names, last names, cities, countries, states of
 * faker's 77 locales), capitals and the words around them. Scores, before context:
 * a title ("Dr.", "Mrs") or a lead ("my name is") before a word: 0.85-0.9; a listed first name
 * followed by a surname: 0.85; a listed first name alone: 0.6 (0.55 first in its sentence); a
 * listed last name alone: 0.55 (0.45 first in its sentence); a listed name in lower case: 0.4.
 * Words that are also ordinary English words count only with stronger evidence. Person
 * context words nearby ("my husband", "patient") add 0.35.
 */
export function nameFindings(text: string): Finding[] {
  const tokens = tokenize(text);
  const findings: Finding[] = [];
  let personContext = -10;
  let placeLead = -10;
  let nameLead = -10;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (CONTEXT_HASHES.has(token.hash)) {
      if (PERSON_CONTEXT.has(token.lower)) personContext = i;
      if (PLACE_LEAD.has(token.lower)) placeLead = i;
      if (LEAD_TAILS.has(token.lower)) nameLead = i;
    }
    const nearContext = i - personContext <= 5 && personContext < i;
    // A word in lower case is a name or a place only with words around it that say so; the
    // rest (nearly all words) is passed over without a lookup.
    if (!token.capitalized && !nearContext && placeLead !== i - 1 && nameLead !== i - 1) continue;
    // An ordinary word is neither a name nor a place, unless it starts one ("South Africa").
    if (
      token.end - token.start < 2 ||
      (isOrdinaryWord(token.lower) && !PLACE_FIRST_WORDS.has(token.lower))
    )
      continue;
    const place = placeAt(text, tokens, i, placeLead === i - 1);
    const person = personAt(text, tokens, i, nearContext, nameLead === i - 1);
    const best = place && (!person || place.finding.score >= person.finding.score) ? place : person;
    if (!best) continue;
    findings.push(best.finding);
    i = best.last;
  }
  return findings;
}

interface Span {
  finding: Finding;
  /** The index of the finding's last token. */
  last: number;
}

function personAt(
  text: string,
  tokens: Token[],
  i: number,
  nearContext: boolean,
  afterLeadTail: boolean,
): Span | null {
  const token = tokens[i];
  const previous = tokens[i - 1];
  if (isOrdinaryWord(token.lower) || TITLES.has(token.lower) || isAcronym(text, token)) return null;
  const first = FIRST_NAMES.has(token.lower);
  const last = LAST_NAMES.has(token.lower);
  const common = isCommonWord(token.lower);
  const titled =
    previous &&
    TITLES.has(previous.lower) &&
    /^\.?\s+$/.test(text.slice(previous.end, token.start));
  const led =
    afterLeadTail &&
    NAME_LEAD.test(text.slice(Math.max(0, token.start - 24), token.start).toLowerCase());

  let score = 0;
  if (titled) score = 0.9;
  else if (led && (token.capitalized || ((first || last) && !common))) score = 0.85;
  else if (token.capitalized && first && !common) score = token.sentenceStart ? 0.55 : 0.6;
  else if (token.capitalized && last && !common) score = token.sentenceStart ? 0.45 : 0.55;
  else if (token.capitalized && first && common) score = 0.2;
  else if (token.capitalized && !common && listedSurnameAfter(text, tokens, i)) score = 0.75;
  else if (
    token.capitalized &&
    !token.sentenceStart &&
    !common &&
    !PLACES.has(token.lower) &&
    token.end - token.start > 2
  )
    // Capitalised mid-sentence, not an English word and in no list: a proper noun, most often
    // a person's name. (First in a sentence the capital says nothing: "Recognizing", "Yeah".)
    score = 0.5;
  else if (!token.capitalized && first && !common && token.lower.length >= 3) score = 0.4;
  if (score === 0) return null;

  // A surname (or two) after the first word: "Megan Payne", "tracy sukhorukova".
  let end = i;
  while (end + 1 < tokens.length && end - i < 2) {
    const next = tokens[end + 1];
    if (!adjacent(text, tokens[end], next)) break;
    const listed = LAST_NAMES.has(next.lower) || FIRST_NAMES.has(next.lower);
    // After a listed first name, a title or a lead, a capitalised word is the surname even when
    // it is also an English word ("Jordan Smith", "John Baker").
    const strong = first || titled || led;
    const surname = token.capitalized
      ? next.capitalized && !isOrdinaryWord(next.lower) && (!isCommonWord(next.lower) || strong)
      : listed && (!isCommonWord(next.lower) || (strong && LAST_NAMES.has(next.lower)));
    if (!surname || runTogetherWords(text, next)) break;
    if (PLACES.has(next.lower) && !LAST_NAMES.has(next.lower)) break;
    end++;
    if (text.startsWith("'s", next.end) || text.startsWith('’s', next.end)) break;
  }
  if (end > i)
    score = Math.max(
      score,
      token.capitalized && ((first && !common) || titled || led) ? 0.85 : 0.6,
    );
  if (score < 0.85 && nearContext) score = boosted(score);
  // Checked last, being the costliest test: few words get this far.
  if (score < 0.3 || runTogetherWords(text, token)) return null;
  return {
    finding: {
      entityType: 'PERSON',
      start: token.start,
      end: tokens[end].end,
      score: Math.round(score * 100) / 100,
      recognizer: 'name-lists',
    },
    last: end,
  };
}

/** "Mei García": an unlisted capitalised word right before a listed, capitalised surname. */
function listedSurnameAfter(text: string, tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  return (
    next !== undefined &&
    next.capitalized &&
    LAST_NAMES.has(next.lower) &&
    !isCommonWord(next.lower) &&
    adjacent(text, tokens[i], next)
  );
}

/**
 * "TodayMedication", "PatternsA": words run together where a line break or heading was lost.
 * Split at each lower-to-upper change, they are all common words (or single letters). Names with
 * an inner capital ("McDonald", "DeShawn") have a part that is not.
 */
function runTogetherWords(text: string, token: Token): boolean {
  const word = text.slice(token.start, token.end);
  const parts = word.split(/(?<=\p{Ll})(?=\p{Lu})/u);
  return (
    parts.length > 1 && parts.every((part) => part.length === 1 || isCommonWord(part.toLowerCase()))
  );
}

/**
 * "MAC", "IBAN": short all-capital words are abbreviations; long ones ("HEILIGENBRUNN") are the
 * town lines of postal addresses. Neither is taken for a person's name.
 */
function isAcronym(text: string, token: Token): boolean {
  if (token.end - token.start < 2) return false;
  for (let i = token.start; i < token.end; i++) {
    const char = text[i];
    if (char !== char.toUpperCase()) return false;
  }
  return true;
}

function placeAt(text: string, tokens: Token[], i: number, afterLead: boolean): Span | null {
  const token = tokens[i];
  const ordinary = isOrdinaryWord(token.lower);
  if (ordinary && !PLACE_FIRST_WORDS.has(token.lower)) return null;
  // "CBT", "DBT", "Lo": abbreviations and two-letter words are not places unless a country's.
  if ((token.end - token.start < 3 || isAcronym(text, token)) && !COUNTRIES.has(token.lower))
    return null;
  const led = afterLead && adjacent(text, tokens[i - 1], token);
  // The longest listed place starting here ("ústí nad labem", "vatican city").
  let words = 0;
  let phrase = '';
  let candidate = '';
  const maxWords = PLACE_FIRST_WORDS.has(token.lower) ? PLACE_MAX_WORDS : 1;
  for (let k = 0; k < maxWords && i + k < tokens.length; k++) {
    if (k > 0 && !adjacent(text, tokens[i + k - 1], tokens[i + k])) break;
    phrase = k === 0 ? tokens[i].lower : `${phrase} ${tokens[i + k].lower}`;
    if (PLACES.has(phrase)) {
      words = k + 1;
      candidate = phrase;
    }
  }
  if (ordinary && words < 2) return null;
  let score = 0;
  if (words > 0) {
    const ambiguous =
      words === 1 &&
      (isCommonWord(candidate) || (FIRST_NAMES.has(candidate) && !COUNTRIES.has(candidate)));
    if (token.capitalized) score = ambiguous ? (led ? 0.6 : 0.2) : led ? 0.85 : 0.6;
    else score = ambiguous ? 0 : led ? 0.6 : 0.35;
  } else if (
    led &&
    token.capitalized &&
    !token.sentenceStart &&
    !isCommonWord(token.lower) &&
    !FIRST_NAMES.has(token.lower) &&
    token.end - token.start > 2
  ) {
    // An unlisted capitalised word after "in" / "from": a place more often than not.
    words = 1;
    score = 0.5;
  }
  if (score < 0.3) return null;
  let last = i + words - 1;
  // A capitalised word after an unlisted one extends it ("Zafferana Etnea").
  while (
    last + 1 < tokens.length &&
    tokens[last + 1].capitalized &&
    !isCommonWord(tokens[last + 1].lower) &&
    adjacent(text, tokens[last], tokens[last + 1]) &&
    last - i < 3
  )
    last++;
  return {
    finding: {
      entityType: 'LOCATION',
      start: token.start,
      end: tokens[last].end,
      score,
      recognizer: 'place-lists',
    },
    last,
  };
}
