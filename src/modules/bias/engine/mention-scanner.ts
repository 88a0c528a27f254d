import {
  AFTER_BE,
  BE_FILLERS,
  BE_FORMS,
  BELIEF_VERBS,
  FALSE_WORDS,
  GENERIC_VERBS,
  NEGATION_FILLERS,
  NEGATING_AUXILIARIES,
  NEGATORS,
  QUANTIFIER_FILLERS,
  QUANTIFIERS,
  REPORT_NOUNS,
} from '../lexicon/generalisation-cues';
import { NUMERIC_AGE_GROUPS } from '../lexicon/group-settings';
import {
  COPULA_FILLERS,
  COPULAS,
  NOMINAL_FOLLOWERS,
  POSSESSIVES,
  PREDICATE_COMPLEMENTS,
  RELATIVE_NOUNS,
  SUBJECT_PRONOUNS,
} from '../lexicon/person-words';
import type { BiasType } from './bias-types';
import { defaultLexicon, type GroupTerm, type Lexicon, type PhraseNode } from './lexicon';
import { tokenize } from './tokenizer';

/** A negative word counts for a mention within this many words of it, in the same sentence. */
export const NEGATIVE_WINDOW = 10;

/** One mention of a group in a text, with what the association measures need to know about it. */
export interface Mention {
  biasType: BiasType;
  group: string;
  /** The lexicon term that matched (lower case, spaces for hyphens): never text from the record. */
  term: string;
  /** Word positions of the group reference, with the person noun it describes ("Black students"). */
  start: number;
  end: number;
  stigmatising: boolean;
  /**
   * Whether the mention is about the group, so that negative words and generalisations next to it
   * count for the group. Not for pronouns and possessed nouns ("he", "my husband"): they are
   * particular people, mostly the narrator's family, and a negative word next to them describes
   * that person. Not for a gendered noun that a descriptor of another type qualifies ("Muslim
   * women"): the statement singles the group out by the descriptor, which takes the association.
   */
  associates: boolean;
  /** A negative word within the window. */
  negativeContext: boolean;
  /** The generalisation pattern found ("all <group>", "<group> are <negative>"), or null. */
  generalisation: string | null;
}

export interface TextScan {
  mentions: Mention[];
  words: number;
}

interface Candidate {
  term: GroupTerm;
  start: number;
  end: number;
  subjectStart: number;
  subjectEnd: number;
  plural: boolean;
  /** "the X" standing for the people ("the elderly are"). */
  generic: boolean;
  associates: boolean;
  stigmatising: boolean;
}

const YEAR_WORDS = new Set(['year', 'years', 'yr', 'yrs']);
const OLD_WORDS = new Set(['old', 'olds']);

/** The words of one text and the questions the matching rules ask about them. */
class TextContext {
  constructor(
    readonly lexicon: Lexicon,
    readonly words: readonly string[],
    readonly sentences: readonly number[],
    readonly clauses: readonly number[],
  ) {}

  /** A word at `index` exists and shares `anchor`'s clause. */
  inClause(anchor: number, index: number): boolean {
    return index >= 0 && index < this.words.length && this.clauses[index] === this.clauses[anchor];
  }

  /**
   * A negative word that is denied ("not a burden", "aren't lazy", "never weak"): a negator right
   * before it, or before one filler word.
   */
  negated(index: number): boolean {
    const before = this.words[index - 1];
    if (!this.inClause(index, index - 1)) return false;
    if (NEGATORS.has(before)) return true;
    return (
      NEGATION_FILLERS.has(before) &&
      this.inClause(index, index - 2) &&
      NEGATORS.has(this.words[index - 2])
    );
  }

  /**
   * A statement that denies or reports the generalisation rather than making it ("I don't think
   * X are", "the myth that X are", "it's not true that X are"): one of the constructions of
   * generalisation-cues.ts within the clause, up to six words before.
   */
  denied(anchor: number): boolean {
    const words = this.words;
    for (let k = anchor - 1; k >= anchor - 6 && this.inClause(anchor, k); k--) {
      const word = words[k];
      const before = this.inClause(anchor, k - 1) ? words[k - 1] : '';
      if (BELIEF_VERBS.has(word)) {
        if (NEGATING_AUXILIARIES.has(before)) return true;
        if (before === 'not' && /^(?:do|does|did)$/.test(words[k - 2] ?? '')) return true;
      }
      if (words[k + 1] !== 'that') continue;
      if (REPORT_NOUNS.has(word) || FALSE_WORDS.has(word)) return true;
      if (word === 'true' && /^(?:not|isn't|wasn't|ain't)$/.test(before)) return true;
    }
    return false;
  }

  /** A word at `index` exists and shares `anchor`'s sentence. */
  inSentence(anchor: number, index: number): boolean {
    return (
      index >= 0 && index < this.words.length && this.sentences[index] === this.sentences[anchor]
    );
  }

  isPersonNoun(anchor: number, index: number): boolean {
    return this.inSentence(anchor, index) && this.lexicon.personNouns.has(this.words[index]);
  }

  /** The person noun right after `end`, or after one more single-word group term ("young Black women"); -1 if none. */
  personNounAfter(end: number): number {
    if (this.isPersonNoun(end, end + 1)) return end + 1;
    if (
      this.lexicon.phrases.get(this.words[end + 1] ?? '')?.terms &&
      this.isPersonNoun(end, end + 2)
    )
      return end + 2;
    return -1;
  }

  /** The person noun a tail phrase follows ("people with disabilities", "people who are hard of hearing"); -1 if none. */
  personNounBefore(start: number): number {
    let k = start - 1;
    if (BE_FORMS.has(this.words[k] ?? '') && this.words[k - 1] === 'who') k -= 2;
    else if (this.words[k] === 'who') k -= 1;
    return this.isPersonNoun(start, k) ? k : -1;
  }

  /** "the poor are", "the rich get": the adjective stands for the people. */
  isNominal(start: number, end: number): boolean {
    if (this.words[start - 1] !== 'the' || !this.inSentence(start, start - 1)) return false;
    return !this.inSentence(end, end + 1) || NOMINAL_FOLLOWERS.has(this.words[end + 1]);
  }

  /**
   * "I'm broke", "my dad is really old": a person subject, a copula and at most a few fillers
   * before the adjective, and no complement after it ("poor at maths", "blind to it").
   */
  isPersonPredicate(start: number, end: number): boolean {
    if (this.inSentence(end, end + 1) && PREDICATE_COMPLEMENTS.has(this.words[end + 1]))
      return false;
    let k = start - 1;
    let copula = false;
    for (let steps = 0; steps < 4 && this.inSentence(start, k); steps++, k--) {
      const word = this.words[k];
      if (COPULAS.has(word)) {
        if (word === 'im') return true;
        copula = true;
      } else if (!COPULA_FILLERS.has(word)) break;
    }
    if (!copula || !this.inSentence(start, k)) return false;
    return SUBJECT_PRONOUNS.has(this.words[k]) || this.lexicon.personNouns.has(this.words[k]);
  }

  /** Whether an ambiguous term has the context its tier needs (see ambiguous-terms.ts). */
  passesGuard(term: GroupTerm, start: number, end: number): boolean {
    if (term.birthOrder && RELATIVE_NOUNS.has(this.words[end + 1] ?? '')) return false;
    if (term.guard === 'none') return true;
    if (this.personNounAfter(end) >= 0) return true;
    if (term.guard === 'strict') return false;
    if (this.isNominal(start, end) || this.isPersonPredicate(start, end)) return true;
    return (
      term.plural && this.inSentence(end, end + 1) && NOMINAL_FOLLOWERS.has(this.words[end + 1])
    );
  }
}

/** Longest group term and longest negative phrase starting at `start`. */
function walk(context: TextContext, start: number, first: PhraseNode) {
  let node: PhraseNode | undefined = first;
  let terms: GroupTerm[] | null = null;
  let termEnd = -1;
  let negativeEnd = -1;
  for (let j = start; node;) {
    if (node.terms) {
      terms = node.terms;
      termEnd = j;
    }
    if (node.negative) negativeEnd = j;
    j++;
    if (!node.next || !context.inSentence(start, j)) break;
    node = node.next.get(context.words[j]);
  }
  return { terms, termEnd, negativeEnd };
}

/** "23 years old", "a 16-year-old": an age group for any number (see NUMERIC_AGE_GROUPS). */
function numericAge(context: TextContext, start: number): GroupTerm | null {
  const { words } = context;
  if (!context.inSentence(start, start + 2)) return null;
  if (!YEAR_WORDS.has(words[start + 1]) || !OLD_WORDS.has(words[start + 2])) return null;
  const age = Number(words[start]);
  if (!Number.isInteger(age) || age < 1) return null;
  const group = NUMERIC_AGE_GROUPS.find(([maxAge]) => age <= maxAge)?.[1];
  if (!group) return null;
  const plural = words[start + 2] === 'olds';
  return {
    biasType: 'age',
    group,
    term: 'n year old',
    stigmatising: false,
    guard: 'none',
    noun: plural,
    plural,
    pronoun: false,
    tail: false,
    birthOrder: false,
  };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * The generalisation pattern a mention sits in, or null: a quantifier before the group ("all X",
 * "every single X"), or after a plural or generic group a generic verb ("X always"), "X are" with
 * a cue ("X are all", "X are naturally") or with a negative word ("X are a burden"), or "how X
 * are". A possessive before the group makes it particular people and never a generalisation.
 */
function generalisationOf(
  context: TextContext,
  candidate: Candidate,
  negativeStarts: ReadonlySet<number>,
): string | null {
  const { words } = context;
  const { subjectStart: start, subjectEnd: end } = candidate;
  if (POSSESSIVES.has(words[start - 1] ?? '')) return null;
  let k = start - 1;
  for (let skipped = 0; skipped < 2 && context.inSentence(start, k); skipped++, k--)
    if (!QUANTIFIER_FILLERS.has(words[k])) break;
  if (context.inSentence(start, k) && QUANTIFIERS.has(words[k]))
    return words[k - 1] === 'not' || context.denied(k) ? null : `${words[k]} <group>`;
  if (context.denied(start)) return null;
  if (!candidate.plural && !candidate.generic) return null;
  const after = end + 1;
  if (!context.inSentence(end, after)) return null;
  if (GENERIC_VERBS.has(words[after])) return `<group> ${words[after]}`;
  if (!BE_FORMS.has(words[after])) return null;
  if (words[start - 1] === 'how') return 'how <group> are';
  const cue = words[after + 1];
  if (context.inSentence(end, after + 1) && AFTER_BE.has(cue)) return `<group> are ${cue}`;
  let n = after + 1;
  for (
    let skipped = 0;
    skipped < 2 && context.inSentence(end, n) && BE_FILLERS.has(words[n]);
    skipped++
  )
    n++;
  return negativeStarts.has(n) ? '<group> are <negative>' : null;
}

/** Whether a negative word lies within the window of the mention, outside the term itself. */
function hasNegativeNear(context: TextContext, candidate: Candidate, negatives: readonly number[]) {
  let denied: boolean | undefined;
  for (let i = 0; i < negatives.length; i += 2) {
    const from = negatives[i];
    const to = negatives[i + 1];
    if (!context.inSentence(candidate.start, from)) continue;
    if (to >= candidate.start && from <= candidate.end) continue;
    // "I don't think X are a burden": what the clause says of the group after it is denied.
    if (
      from > candidate.subjectEnd &&
      context.inClause(candidate.subjectStart, from) &&
      (denied ??= context.denied(candidate.subjectStart))
    )
      continue;
    const distance =
      from > candidate.subjectEnd
        ? from - candidate.subjectEnd
        : to < candidate.subjectStart
          ? candidate.subjectStart - to
          : 0;
    if (distance <= NEGATIVE_WINDOW) return true;
  }
  return false;
}

/**
 * Builds the candidate for an accepted term: extends a descriptor to the person noun it
 * describes, or a tail phrase back to its person noun, and notes which noun positions became the
 * head of a descriptor.
 */
function candidateOf(
  context: TextContext,
  term: GroupTerm,
  start: number,
  end: number,
  heads: Set<number>,
): Candidate {
  const candidate: Candidate = {
    term,
    start,
    end,
    subjectStart: start,
    subjectEnd: end,
    plural: term.plural,
    generic: false,
    associates: true,
    stigmatising: term.stigmatising,
  };
  // Singular terms can qualify a person noun ("Sikh men", "Black students"); plurals and
  // pronouns cannot, and tails follow their noun instead.
  if (!term.plural && !term.pronoun) {
    const head = term.tail ? -1 : context.personNounAfter(end);
    const back = term.tail ? context.personNounBefore(start) : -1;
    if (head >= 0) {
      candidate.subjectEnd = head;
      candidate.plural = context.lexicon.personNouns.get(context.words[head]) === true;
      heads.add(head);
    } else if (back >= 0) {
      candidate.subjectStart = back;
      candidate.plural = context.lexicon.personNouns.get(context.words[back]) === true;
    } else if (context.words[start - 1] === 'the') candidate.generic = true;
  }
  const possessed = POSSESSIVES.has(context.words[candidate.subjectStart - 1] ?? '');
  candidate.associates = !term.pronoun && !possessed && !heads.has(start);
  // HolisticBias rates "{person} with autism" as a label for a person; "diagnosed with autism"
  // is no such label, so a "with ..." tail is only stigmatising after its person noun.
  candidate.stigmatising =
    term.stigmatising &&
    !(term.tail && term.term.startsWith('with ') && candidate.subjectStart === start);
  return candidate;
}

/**
 * Finds every group mention in a text in one pass over its words: at each word one map lookup,
 * and only where a lexicon phrase starts, a walk down the phrase tree for the longest term.
 * Ambiguous terms are kept only with the context their tier requires; then each mention is
 * checked for a nearby negative word and a generalisation pattern.
 */
export function scanText(text: string, lexicon: Lexicon = defaultLexicon()): TextScan {
  const { words, sentences, clauses } = tokenize(text);
  const context = new TextContext(lexicon, words, sentences, clauses);
  const negatives: number[] = [];
  const candidates: Candidate[] = [];
  const heads = new Set<number>();
  let i = 0;
  while (i < words.length) {
    const node = lexicon.phrases.get(words[i]);
    const found = node ? walk(context, i, node) : null;
    if (found && found.negativeEnd >= 0 && !context.negated(i))
      negatives.push(i, found.negativeEnd);
    let terms = found?.terms ?? null;
    let end = found?.termEnd ?? i;
    if (!terms && isDigit(words[i].charCodeAt(0))) {
      const age = numericAge(context, i);
      if (age) [terms, end] = [[age], i + 2];
    }
    if (terms) {
      const typesSeen = new Set<BiasType>();
      for (const term of terms) {
        if (typesSeen.has(term.biasType) || !context.passesGuard(term, i, end)) continue;
        typesSeen.add(term.biasType);
        candidates.push(candidateOf(context, term, i, end, heads));
      }
      i = end + 1;
    } else i++;
  }
  return { mentions: finishMentions(context, candidates, negatives), words: words.length };
}

/** Negative context and generalisation, once every negative word of the text is known. */
function finishMentions(
  context: TextContext,
  candidates: Candidate[],
  negatives: number[],
): Mention[] {
  const negativeStarts = new Set<number>();
  for (let i = 0; i < negatives.length; i += 2) negativeStarts.add(negatives[i]);
  return candidates.map((candidate) => {
    const { associates } = candidate;
    return {
      biasType: candidate.term.biasType,
      group: candidate.term.group,
      term: candidate.term.term,
      start: candidate.subjectStart,
      end: candidate.subjectEnd,
      stigmatising: candidate.stigmatising,
      associates,
      negativeContext: associates && hasNegativeNear(context, candidate, negatives),
      generalisation: associates ? generalisationOf(context, candidate, negativeStarts) : null,
    };
  });
}
