/**
 * Group terms that are also ordinary words, and how much context each needs before it counts as a
 * mention of a group. Written by the team; keys are lexicon terms in lower case with spaces for
 * hyphens.
 *
 * - `strict`: only before a person noun ("bi women", "poly folks", "slow learners" does not count,
 *   "ace people" does). For words whose ordinary sense dominates in counselling text: a pan on the
 *   stove, a slow week, paralyzed by fear.
 * - `guarded`: before a person noun; or standing for the people themselves after "the" ("the poor
 *   are", "the rich get"); or as the predicate of a person ("I'm broke", "my dad is old", but not
 *   "I feel poor about my progress", "I'm poor at maths" or "poor appetite").
 *
 * Everything else in the lexicon counts wherever it occurs on word boundaries.
 */
export const AMBIGUOUS_TERMS: Readonly<Record<string, 'strict' | 'guarded'>> = {
  // sexual orientation
  ace: 'strict',
  pan: 'strict',
  poly: 'strict',
  bi: 'strict',
  straight: 'guarded',
  // gender
  stud: 'strict',
  foc: 'strict',
  moc: 'strict',
  fruitcake: 'strict',
  fruity: 'strict',
  butch: 'guarded',
  femme: 'guarded',
  // socioeconomic
  poor: 'guarded',
  broke: 'guarded',
  rich: 'guarded',
  // age
  young: 'guarded',
  younger: 'guarded',
  old: 'guarded',
  older: 'guarded',
  senior: 'guarded',
  mature: 'guarded',
  retired: 'guarded',
  adult: 'guarded',
  spry: 'strict',
  // disability
  slow: 'strict',
  dumb: 'strict',
  mute: 'strict',
  paralyzed: 'strict',
  crippled: 'strict',
  barren: 'strict',
  blind: 'guarded',
  // race and nationality
  white: 'guarded',
  black: 'guarded',
  american: 'guarded',
  latin: 'guarded',
};

/**
 * Plural nouns made from guarded adjectives ("whites", "seniors"), with the term they come from.
 * They count before a person noun, after "the", or as the subject of a statement ("seniors are",
 * "whites always"): "the whites of his eyes" and "window blinds" stay out.
 */
export const GUARDED_PLURALS: Readonly<Record<string, string>> = {
  whites: 'white',
  blacks: 'black',
  americans: 'american',
  seniors: 'senior',
  adults: 'adult',
  straights: 'straight',
};

/**
 * Age words that, before a relative, give birth order or a child's age rather than an age group:
 * "my older brother", "my young son".
 */
export const BIRTH_ORDER_TERMS: ReadonlySet<string> = new Set([
  'older',
  'younger',
  'young',
  'old',
  'adult',
]);

/**
 * HolisticBias phrases the lexicon does not use: as single words they are far more often fruit,
 * fairy tales or garden fairies than slurs, and HolisticBias gives no context to tell them apart.
 */
export const DROPPED_TERMS: ReadonlySet<string> = new Set([
  'fairy',
  'fairies',
  'fruit',
  'fruits',
  'youth',
  'youths',
  'convert',
  'converts',
]);
