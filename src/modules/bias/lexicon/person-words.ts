/**
 * Words about people that the matcher needs besides the group terms: gendered pronouns and nouns
 * HolisticBias does not list, nouns that make an ambiguous descriptor a description of people
 * ("poor families"), and the small function words the ambiguity and generalisation rules look at.
 * Written by the team. Every entry is lower case; the tokeniser splits clitics ("she's" -> she 's).
 */

/**
 * Pronouns that name a gender. "they/them" is left out: in counselling text it is mostly plural
 * or deliberately unspecific, so counting it as non-binary would invent mentions.
 */
export const GENDER_PRONOUNS: Readonly<Record<'female' | 'male', readonly string[]>> = {
  female: ['she', 'her', 'hers', 'herself'],
  male: ['he', 'him', 'his', 'himself'],
};

/** Gendered nouns common in counselling conversations that HolisticBias' noun list lacks: [singular, plural]. */
export const EXTRA_GENDER_NOUNS: Readonly<
  Record<'female' | 'male', ReadonlyArray<[string, string]>>
> = {
  female: [
    ['girlfriend', 'girlfriends'],
    ['aunt', 'aunts'],
    ['niece', 'nieces'],
    ['mum', 'mums'],
    ['mommy', 'mommies'],
    ['stepmother', 'stepmothers'],
    ['stepmom', 'stepmoms'],
    ['granddaughter', 'granddaughters'],
    ['widow', 'widows'],
    ['female', 'females'],
  ],
  male: [
    ['boyfriend', 'boyfriends'],
    ['uncle', 'uncles'],
    ['nephew', 'nephews'],
    ['daddy', 'daddies'],
    ['stepfather', 'stepfathers'],
    ['stepdad', 'stepdads'],
    ['grandson', 'grandsons'],
    ['widower', 'widowers'],
    ['gentleman', 'gentlemen'],
    ['male', 'males'],
  ],
};

/**
 * Nouns for people in general (no group of their own): after a descriptor they confirm it
 * describes people ("older patients", "Black students"). [singular, plural]. Words such as
 * "friend" are left out on purpose: "old friend" says nothing about age.
 */
export const EXTRA_PERSON_NOUNS: ReadonlyArray<[string, string]> = [
  ['folk', 'folks'],
  ['person', 'persons'],
  ['adult', 'adults'],
  ['teenager', 'teenagers'],
  ['youngster', 'youngsters'],
  ['citizen', 'citizens'],
  ['family', 'families'],
  ['household', 'households'],
  ['couple', 'couples'],
  ['student', 'students'],
  ['pupil', 'pupils'],
  ['worker', 'workers'],
  ['employee', 'employees'],
  ['colleague', 'colleagues'],
  ['coworker', 'coworkers'],
  ['neighbour', 'neighbours'],
  ['neighbor', 'neighbors'],
  ['tenant', 'tenants'],
  ['resident', 'residents'],
  ['patient', 'patients'],
  ['client', 'clients'],
  ['applicant', 'applicants'],
  ['member', 'members'],
  ['player', 'players'],
  ['teacher', 'teachers'],
  ['nurse', 'nurses'],
  ['doctor', 'doctors'],
  ['immigrant', 'immigrants'],
  ['refugee', 'refugees'],
  ['community', 'communities'],
  ['population', 'populations'],
];

/** Nouns of a close relative: "older brother" or "younger sister" is birth order, not an age group. */
export const RELATIVE_NOUNS: ReadonlySet<string> = new Set([
  'brother',
  'brothers',
  'sister',
  'sisters',
  'sibling',
  'siblings',
  'son',
  'sons',
  'daughter',
  'daughters',
  'child',
  'children',
  'kid',
  'kids',
  'cousin',
  'cousins',
  'self',
]);

/** Words that can be the subject of "... is poor": personal pronouns and "who" (person nouns count too). */
export const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set([
  'i',
  'you',
  'he',
  'she',
  'we',
  'they',
  'who',
  'u',
  'im',
]);

/** Forms of "to be" and its near relatives that link a subject to an adjective ("I'm broke"). */
export const COPULAS: ReadonlySet<string> = new Set([
  'am',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  "'m",
  "'re",
  "'s",
  'im',
  'getting',
  'got',
  'become',
  'became',
  'becoming',
  'seem',
  'seems',
  'seemed',
]);

/** Words allowed between a copula and its adjective ("I'm really poor", "we are kind of broke"). */
export const COPULA_FILLERS: ReadonlySet<string> = new Set([
  'so',
  'very',
  'really',
  'pretty',
  'too',
  'quite',
  'extremely',
  'also',
  'still',
  'not',
  'just',
  'kind',
  'sort',
  'of',
  'totally',
  'a',
  'bit',
  'little',
  'rather',
  'fairly',
  'somewhat',
  'incredibly',
  'dirt',
]);

/**
 * Prepositions that turn a predicate adjective into a judgement of skill or fit ("poor at maths",
 * "old for this", "blind to it", "straight with you"): then it is no group mention.
 */
export const PREDICATE_COMPLEMENTS: ReadonlySet<string> = new Set([
  'at',
  'in',
  'with',
  'about',
  'to',
  'for',
  'on',
  'enough',
]);

/**
 * Words that may follow "the poor", "the rich", "the elderly" when the adjective stands for the
 * people themselves; anything else ("the poor quality") makes it an ordinary adjective.
 */
export const NOMINAL_FOLLOWERS: ReadonlySet<string> = new Set([
  'are',
  'were',
  'is',
  'have',
  'had',
  'always',
  'never',
  'can',
  "can't",
  'cannot',
  'could',
  'should',
  'will',
  "won't",
  "don't",
  'do',
  'get',
  'deserve',
  'need',
  'tend',
  'often',
  'and',
  'or',
  'who',
]);

/** Possessive determiners: "my sons never call" is about particular people, never a generalisation. */
export const POSSESSIVES: ReadonlySet<string> = new Set([
  'my',
  'your',
  'his',
  'her',
  'our',
  'their',
  'its',
  "'s",
]);
