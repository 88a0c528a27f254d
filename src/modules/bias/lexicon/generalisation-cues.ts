/**
 * Cue words of explicit generalisations about a group, written by the team. The patterns they
 * build (see the engine's generalisation check):
 *
 * - a quantifier before the group: "all X", "every X", "typical X", "most of the X";
 * - after a plural or generic group ("X" plural, "the X"): "X always / never / can't / tend to",
 *   "X are all / always / just / so / naturally / the same", "X are (a, really, ...) <negative word>";
 * - "how X are" ("you know how X are").
 *
 * Positive stereotypes ("X are naturally good at maths") match too: they are generalisations all
 * the same. A group behind a possessive ("my sons never call") is particular people and never
 * matches.
 */

/** Words before a group that make the statement about all of it. */
export const QUANTIFIERS: ReadonlySet<string> = new Set([
  'all',
  'every',
  'typical',
  'stereotypical',
  'most',
]);

/** Words allowed between a quantifier and the group ("all of the", "every single"). */
export const QUANTIFIER_FILLERS: ReadonlySet<string> = new Set([
  'the',
  'of',
  'these',
  'those',
  'single',
  'such',
  'a',
]);

/** Words directly after a plural group that make it a claim about the whole group. */
export const GENERIC_VERBS: ReadonlySet<string> = new Set([
  'always',
  'never',
  'all',
  'tend',
  "can't",
  'cannot',
  "won't",
  "don't",
  'naturally',
  'inherently',
  'constantly',
  'only',
  'just',
]);

/** Forms of "to be" after the group. */
export const BE_FORMS: ReadonlySet<string> = new Set(['are', 'were', 'is', "'re", 'was']);

/** Words after "X are" that make the statement a generalisation on their own. */
export const AFTER_BE: ReadonlySet<string> = new Set([
  'all',
  'always',
  'never',
  'just',
  'so',
  'too',
  'naturally',
  'inherently',
  'basically',
  'such',
  'known',
  'same',
  'nothing',
  'only',
  'like',
  'born',
]);

/** Words allowed between "X are" and a negative word ("X are a burden", "X are really lazy"). */
export const BE_FILLERS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'really',
  'very',
  'mostly',
  'usually',
  'generally',
  'often',
  'completely',
  'totally',
  'all',
  'just',
  'so',
  'such',
  'too',
]);

/**
 * Words that deny what follows: a negative word right after one (or after one filler, "not a
 * burden", "isn't really lazy") does not describe the group.
 */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'never',
  'no',
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  "don't",
  "doesn't",
  "didn't",
  "won't",
]);

/** Words allowed between a negator and the negative word it denies. */
export const NEGATION_FILLERS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'really',
  'very',
  'so',
  'that',
  'at',
  'all',
  'being',
  'be',
]);

/**
 * A denial or a report of a generalisation, not the generalisation itself, is one of these
 * constructions up to six words before it in the same clause: a belief verb negated ("I don't
 * think X are", "I do not believe"), a report noun before "that" ("the myth that X are", "the
 * stereotype that"), or "not true that" / "untrue that" / "false that". A bare "not" elsewhere
 * ("I'm not racist but all X are") denies nothing.
 */
export const BELIEF_VERBS: ReadonlySet<string> = new Set([
  'think',
  'believe',
  'agree',
  'accept',
  'buy',
  'say',
]);

/** What negates a belief verb right before it ("don't think"; "do not" is read as two words). */
export const NEGATING_AUXILIARIES: ReadonlySet<string> = new Set([
  "don't",
  "doesn't",
  "didn't",
  'never',
]);

/** Nouns that report a claim before "that" ("the myth that ..."). */
export const REPORT_NOUNS: ReadonlySet<string> = new Set([
  'myth',
  'myths',
  'stereotype',
  'stereotypes',
  'misconception',
  'misconceptions',
  'lie',
  'idea',
]);

/** Words that deny the claim after "that" ("untrue that ..."); "true" only after a negation. */
export const FALSE_WORDS: ReadonlySet<string> = new Set(['untrue', 'false', 'wrong']);
