import { boosted } from './context';
import { type Token, type TokenList, tokenize, wordHash } from './tokens';
import type { Finding } from './entities';
import {
  COUNTRY,
  FIRST_NAME,
  isCommonWord,
  kindsOf,
  ordinaryWords,
  LAST_NAME,
  ORDINARY_WORD,
  PLACE,
  PLACE_FIRST_WORD,
  PLACE_MAX_WORDS,
} from './lexicon';

/** Listed as a name or a place, or the first word of a listed place. */
const NAME_OR_PLACE = FIRST_NAME | LAST_NAME | PLACE | PLACE_FIRST_WORD;

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
/**
 * Words that are looked up by the tokenizer's hash, without a string of their own: the context
 * words (with which lists they are in) and the ordinary words a name or a place never is. Two
 * words that share a hash are left out (they take the general path).
 */
class WordsByHash {
  private readonly words = new Map<number, { word: string; kinds: number } | null>();
  /**
   * A 65,536-bit filter on the hash: most words are ruled out by one array read. Bits, not bytes:
   * 8 KB stays in the first-level cache, where 64 KB missed it on nearly every word.
   */
  private readonly filter = new Uint8Array(65536 / 8);

  add(word: string, kinds: number): void {
    const hash = wordHash(word);
    const held = this.words.get(hash);
    if (held === undefined) this.words.set(hash, { word, kinds });
    else if (held !== null && held.word === word) held.kinds |= kinds;
    else this.words.set(hash, null);
    this.filter[(hash >>> 3) & 0x1fff] |= 1 << (hash & 7);
  }

  /** The kinds of the i-th token if it is one of the words, else 0. */
  kindsOf(tokens: TokenList, i: number): number {
    const hash = tokens.hash(i);
    if ((this.filter[(hash >>> 3) & 0x1fff] & (1 << (hash & 7))) === 0) return 0;
    const held = this.words.get(hash);
    return held && tokens.is(i, held.word) ? held.kinds : 0;
  }
}

const PERSON_CONTEXT_WORD = 1;
const PLACE_LEAD_WORD = 2;
const LEAD_TAIL_WORD = 4;
const TITLE_WORD = 8;
const CONTEXT_WORDS = new WordsByHash();
for (const [words, kind] of [
  [PERSON_CONTEXT, PERSON_CONTEXT_WORD],
  [PLACE_LEAD, PLACE_LEAD_WORD],
  [LEAD_TAILS, LEAD_TAIL_WORD],
  [TITLES, TITLE_WORD],
] as const)
  for (const word of words) CONTEXT_WORDS.add(word, kind);
/** Ordinary words that start no listed place: never a name or a place, passed over at once. */
const SKIPPED_WORDS = new WordsByHash();
for (const word of ordinaryWords())
  if (!(kindsOf(word) & PLACE_FIRST_WORD)) SKIPPED_WORDS.add(word, 1);

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
export function nameFindings(text: string, tokens = tokenize(text).tokens): Finding[] {
  const findings: Finding[] = [];
  let personContext = -10;
  let placeLead = -10;
  let nameLead = -10;
  let title = -10;
  for (let i = 0; i < tokens.length; i++) {
    const context = CONTEXT_WORDS.kindsOf(tokens, i);
    if (context !== 0) {
      if (context & PERSON_CONTEXT_WORD) personContext = i;
      if (context & PLACE_LEAD_WORD) placeLead = i;
      if (context & LEAD_TAIL_WORD) nameLead = i;
      if (context & TITLE_WORD) title = i;
    }
    const nearContext = i - personContext <= 5 && personContext < i;
    // A word in lower case is a name or a place only with words around it that say so; the
    // rest (nearly all words) is passed over without a lookup.
    if (!tokens.capitalized(i) && !nearContext && placeLead !== i - 1 && nameLead !== i - 1)
      continue;
    if (tokens.width(i) < 2 || SKIPPED_WORDS.kindsOf(tokens, i) !== 0) continue;
    const token = tokens.at(i);
    // An ordinary word is neither a name nor a place, unless it starts one ("South Africa").
    if ((token.kinds & (ORDINARY_WORD | PLACE_FIRST_WORD)) === ORDINARY_WORD) continue;
    // A word no list has can be either only after a title ("dr smith", "Dr Ward"), in lower case
    // or when it is also an English word: the latter needs a lead ("my name is Hope") too.
    if (
      (token.kinds & NAME_OR_PLACE) === 0 &&
      title !== i - 1 &&
      (!token.capitalized || (token.common && nameLead !== i - 1))
    )
      continue;
    const place = placeAt(text, tokens, i, placeLead === i - 1);
    const person = personAt(text, tokens, i, nearContext, nameLead === i - 1);
    const best = place && (!person || place.finding.score >= person.finding.score) ? place : person;
    if (!best) continue;
    findings.push(best.finding);
    i = best.last;
    // The words inside a finding are passed over, but its last one may be a title that makes
    // the next word a name ("Ana Maria Mx Grief").
    if (CONTEXT_WORDS.kindsOf(tokens, i) & TITLE_WORD) title = i;
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
  tokens: TokenList,
  i: number,
  nearContext: boolean,
  afterLeadTail: boolean,
): Span | null {
  const token = tokens.at(i);
  const previous = tokens.get(i - 1);
  const kinds = token.kinds;
  if (kinds & ORDINARY_WORD || TITLES.has(token.lower) || isAcronym(text, token)) return null;
  const first = (kinds & FIRST_NAME) !== 0;
  const last = (kinds & LAST_NAME) !== 0;
  const common = token.common;
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
    !(kinds & PLACE) &&
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
    const next = tokens.at(end + 1);
    if (!adjacent(text, tokens.at(end), next)) break;
    const nextKinds = next.kinds;
    const listed = (nextKinds & (FIRST_NAME | LAST_NAME)) !== 0;
    // After a listed first name, a title or a lead, a capitalised word is the surname even when
    // it is also an English word ("Jordan Smith", "John Baker").
    const strong = first || titled || led;
    const surname = token.capitalized
      ? next.capitalized && !(nextKinds & ORDINARY_WORD) && (!next.common || strong)
      : listed && (!next.common || (strong && (nextKinds & LAST_NAME) !== 0));
    if (!surname || runTogetherWords(text, next)) break;
    if ((nextKinds & (PLACE | LAST_NAME)) === PLACE) break;
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
      end: tokens.at(end).end,
      score: Math.round(score * 100) / 100,
      recognizer: 'name-lists',
    },
    last: end,
  };
}

/** "Mei García": an unlisted capitalised word right before a listed, capitalised surname. */
function listedSurnameAfter(text: string, tokens: TokenList, i: number): boolean {
  const next = tokens.get(i + 1);
  return (
    next !== undefined &&
    next.capitalized &&
    (next.kinds & LAST_NAME) !== 0 &&
    !next.common &&
    adjacent(text, tokens.at(i), next)
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
  if (token.end - token.start < 2 || !token.capitalized) return false;
  for (let i = token.start; i < token.end; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (code >= 97 && code <= 122) return false;
    } else if (text[i] !== text[i].toUpperCase()) return false;
  }
  return true;
}

function placeAt(text: string, tokens: TokenList, i: number, afterLead: boolean): Span | null {
  const token = tokens.at(i);
  const kinds = token.kinds;
  const ordinary = (kinds & ORDINARY_WORD) !== 0;
  if (ordinary && !(kinds & PLACE_FIRST_WORD)) return null;
  // "CBT", "DBT", "Lo": abbreviations and two-letter words are not places unless a country's.
  if ((token.end - token.start < 3 || isAcronym(text, token)) && !(kinds & COUNTRY)) return null;
  const led = afterLead && adjacent(text, tokens.at(i - 1), token);
  // The longest listed place starting here ("ústí nad labem", "vatican city").
  let words = 0;
  if (kinds & PLACE) words = 1;
  if (kinds & PLACE_FIRST_WORD) {
    let phrase = token.lower;
    for (let k = 1; k < PLACE_MAX_WORDS && i + k < tokens.length; k++) {
      if (!adjacent(text, tokens.at(i + k - 1), tokens.at(i + k))) break;
      phrase = `${phrase} ${tokens.at(i + k).lower}`;
      if (kindsOf(phrase) & PLACE) words = k + 1;
    }
  }
  if (ordinary && words < 2) return null;
  let score = 0;
  if (words > 0) {
    const ambiguous =
      words === 1 && (token.common || (kinds & (FIRST_NAME | COUNTRY)) === FIRST_NAME);
    if (token.capitalized) score = ambiguous ? (led ? 0.6 : 0.2) : led ? 0.85 : 0.6;
    else score = ambiguous ? 0 : led ? 0.6 : 0.35;
  } else if (
    led &&
    token.capitalized &&
    !token.sentenceStart &&
    !token.common &&
    !(kinds & FIRST_NAME) &&
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
    tokens.at(last + 1).capitalized &&
    !tokens.at(last + 1).common &&
    adjacent(text, tokens.at(last), tokens.at(last + 1)) &&
    last - i < 3
  )
    last++;
  return {
    finding: {
      entityType: 'LOCATION',
      start: token.start,
      end: tokens.at(last).end,
      score,
      recognizer: 'place-lists',
    },
    last,
  };
}
