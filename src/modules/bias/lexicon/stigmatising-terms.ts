import type { BiasType } from '../engine/bias-types';

/** A stigmatising name for a group, the group it names and what to write instead. */
export interface StigmatisingTerm {
  term: string;
  biasType: BiasType;
  /** A group id as the lexicon builds it from HolisticBias (see group-settings.ts). */
  group: string;
}

/**
 * Stigmatising terms beyond HolisticBias' `dispreferred` flags, written by the team from common
 * inclusive-language style guidance. Each names a group HolisticBias already has, so the mention
 * counts for that group as well. Strong slurs are deliberately not listed: they belong to a
 * toxicity filter, and a bias audit that finds them has bigger problems to report.
 */
export const STIGMATISING_TERMS: readonly StigmatisingTerm[] = [
  { term: 'retard', biasType: 'disability', group: 'intellectual_and_developmental' },
  { term: 'retards', biasType: 'disability', group: 'intellectual_and_developmental' },
  { term: 'mentally retarded', biasType: 'disability', group: 'intellectual_and_developmental' },
  { term: 'mongoloid', biasType: 'disability', group: 'intellectual_and_developmental' },
  { term: 'cripple', biasType: 'disability', group: 'mobility' },
  { term: 'cripples', biasType: 'disability', group: 'mobility' },
  { term: 'spastic', biasType: 'disability', group: 'mobility' },
  { term: 'spastics', biasType: 'disability', group: 'mobility' },
  { term: 'deaf and dumb', biasType: 'disability', group: 'auditory' },
  { term: 'deaf-mute', biasType: 'disability', group: 'auditory' },
  { term: 'suffers from autism', biasType: 'disability', group: 'neurological' },
  { term: 'senile', biasType: 'age', group: 'old' },
  { term: 'geezer', biasType: 'age', group: 'old' },
  { term: 'geezers', biasType: 'age', group: 'old' },
  { term: 'old fogey', biasType: 'age', group: 'old' },
  { term: 'old fogeys', biasType: 'age', group: 'old' },
  { term: 'eskimo', biasType: 'racial', group: 'alaska_native' },
  { term: 'eskimos', biasType: 'racial', group: 'alaska_native' },
  { term: 'redskin', biasType: 'racial', group: 'indigenous' },
  { term: 'redskins', biasType: 'racial', group: 'indigenous' },
  { term: 'colored people', biasType: 'racial', group: 'black' },
  { term: 'coloured people', biasType: 'racial', group: 'black' },
  { term: 'orientals', biasType: 'racial', group: 'asian' },
  { term: 'transgendered', biasType: 'gender', group: 'transgender' },
  { term: 'tranny', biasType: 'gender', group: 'transgender' },
  { term: 'trannies', biasType: 'gender', group: 'transgender' },
  { term: 'sex change', biasType: 'gender', group: 'transgender' },
  { term: 'hermaphrodite', biasType: 'gender', group: 'sex' },
  { term: 'hermaphrodites', biasType: 'gender', group: 'sex' },
  { term: 'fag', biasType: 'sexual_orientation', group: 'gay' },
  { term: 'fags', biasType: 'sexual_orientation', group: 'gay' },
  { term: 'faggot', biasType: 'sexual_orientation', group: 'gay' },
  { term: 'faggots', biasType: 'sexual_orientation', group: 'gay' },
  { term: 'dyke', biasType: 'sexual_orientation', group: 'lesbian' },
  { term: 'dykes', biasType: 'sexual_orientation', group: 'lesbian' },
  { term: 'homosexual lifestyle', biasType: 'sexual_orientation', group: 'gay' },
  { term: 'moslem', biasType: 'religious', group: 'muslim' },
  { term: 'moslems', biasType: 'religious', group: 'muslim' },
  { term: 'mohammedan', biasType: 'religious', group: 'muslim' },
  { term: 'mohammedans', biasType: 'religious', group: 'muslim' },
  { term: 'papist', biasType: 'religious', group: 'catholic' },
  { term: 'papists', biasType: 'religious', group: 'catholic' },
  { term: 'trailer trash', biasType: 'socioeconomic', group: 'below_poverty_line' },
  { term: 'white trash', biasType: 'socioeconomic', group: 'below_poverty_line' },
  { term: 'welfare queen', biasType: 'socioeconomic', group: 'below_poverty_line' },
  { term: 'welfare queens', biasType: 'socioeconomic', group: 'below_poverty_line' },
  { term: 'wetback', biasType: 'geographic', group: 'mexico' },
  { term: 'wetbacks', biasType: 'geographic', group: 'mexico' },
  { term: 'beaner', biasType: 'geographic', group: 'mexico' },
  { term: 'beaners', biasType: 'geographic', group: 'mexico' },
];

/**
 * What to write instead of a stigmatising term, for the recommendations. Keys are lexicon terms
 * in lower case with spaces for hyphens; terms without an entry get a generic suggestion.
 */
export const PREFERRED_ALTERNATIVES: Readonly<Record<string, string>> = {
  'wheelchair bound': 'wheelchair user',
  'confined to a wheelchair': 'uses a wheelchair',
  'confined to wheelchairs': 'use wheelchairs',
  handicapped: 'disabled',
  'differently abled': 'disabled',
  crippled: 'disabled, or with a mobility disability',
  cripple: 'disabled person',
  cripples: 'disabled people',
  retarded: 'with an intellectual disability',
  retard: 'person with an intellectual disability',
  retards: 'people with intellectual disabilities',
  'mentally retarded': 'with an intellectual disability',
  'learning disabled': 'with a learning disability',
  'hearing impaired': 'hard of hearing, or Deaf',
  'deaf and dumb': 'Deaf',
  'deaf mute': 'Deaf',
  dumb: 'non-speaking',
  mute: 'non-speaking',
  'speech impaired': 'with a speech disability',
  'vision impaired': 'blind or with low vision',
  'visually impaired': 'blind or with low vision',
  paraplegic: 'with paraplegia',
  quadriplegic: 'with quadriplegia',
  paralyzed: 'with paralysis',
  senile: 'with dementia',
  geezer: 'older person',
  geezers: 'older people',
  oriental: 'Asian, or the specific origin',
  orientals: 'Asian people, or the specific origin',
  eskimo: 'Alaska Native, Inuit or Yupik',
  eskimos: 'Alaska Native, Inuit or Yupik people',
  'colored people': 'Black people, or people of color',
  'coloured people': 'Black people, or people of color',
  transgendered: 'transgender',
  'sex change': 'gender-affirming care or transition',
  hermaphrodite: 'intersex',
  hermaphrodites: 'intersex people',
  'homosexual lifestyle': 'gay people, or the specific topic',
  moslem: 'Muslim',
  moslems: 'Muslims',
  mohammedan: 'Muslim',
  mohammedans: 'Muslims',
  'trailer trash': 'low-income',
  'white trash': 'low-income',
  'welfare queen': 'person receiving welfare',
  'welfare queens': 'people receiving welfare',
};
