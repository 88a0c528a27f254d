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
 * Words that, up to five words before a generalisation in the same clause, make the statement a
 * denial or a report of it ("not all X", "I don't think X are", "the myth that X are"), not the
 * generalisation itself. "No" and "never" are left out: "No, all X are ..." and "I'll never
 * understand why X are ..." make it.
 */
export const DENIALS: ReadonlySet<string> = new Set([
  'not',
  "don't",
  "doesn't",
  "didn't",
  "isn't",
  "aren't",
  "wasn't",
  'myth',
  'myths',
  'stereotype',
  'stereotypes',
  'untrue',
  'false',
  'wrong',
  'misconception',
]);
