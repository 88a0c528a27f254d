import type { BiasType } from '../engine/bias-types';

/**
 * How the team's bias types sit on HolisticBias' axes, and which groups take part in the
 * representation comparison. Written by the team; the terms themselves come from the HolisticBias
 * data files next to this one.
 */

/** The HolisticBias descriptor axis each bias type is built from (gender adds nouns and pronouns). */
export const AXIS_OF_TYPE: Readonly<Record<BiasType, string>> = {
  gender: 'gender_and_sex',
  racial: 'race_ethnicity',
  age: 'age',
  socioeconomic: 'socioeconomic_class',
  geographic: 'nationality',
  disability: 'ability',
  religious: 'religion',
  sexual_orientation: 'sexual_orientation',
};

/**
 * Axes whose only HolisticBias group ("religion": "all") lumps distinct communities together:
 * there each descriptor becomes its own group ("Buddhist" -> `buddhist`).
 */
export const AXES_SPLIT_BY_DESCRIPTOR: ReadonlySet<string> = new Set(['religion']);

/**
 * The groups a type is compared across when a dataset mentions fewer than two of its groups, so
 * that a dataset that only ever talks about one group shows up as skewed instead of passing
 * unexamined. Chosen as the groups a general-purpose counselling dataset should be expected to
 * include; a configured reference replaces them.
 */
export const CORE_GROUPS: Readonly<Record<BiasType, readonly string[]>> = {
  gender: ['female', 'male'],
  racial: ['asian', 'black', 'latinx', 'indigenous', 'white'],
  age: ['child', 'young', 'middle_aged', 'old'],
  socioeconomic: ['upper_class', 'middle_class', 'working_class', 'below_poverty_line'],
  geographic: [
    'china',
    'cuba',
    'dominican_republic',
    'el_salvador',
    'guatemala',
    'india',
    'mexico',
    'philippines',
    'south_korea',
    'united_states',
    'vietnam',
  ],
  disability: [
    'auditory',
    'intellectual_and_developmental',
    'mobility',
    'neurological',
    'speech',
    'visual',
  ],
  religious: ['christian', 'muslim', 'jewish', 'hindu', 'buddhist', 'atheist'],
  sexual_orientation: ['straight', 'gay', 'lesbian', 'bi'],
};

/**
 * Groups that are umbrella terms or traits rather than a population with a share of its own
 * ("LGBTQ", "BIPOC", "disabled", "feminine", "adult", "spiritual", "college graduate"). Their
 * mentions count for association and stigmatising language, but they are left out of the
 * representation comparison, where they would overlap the groups they span.
 */
export const UMBRELLA_GROUPS: Readonly<Record<BiasType, readonly string[]>> = {
  gender: ['binary', 'descriptors', 'queer'],
  racial: ['combined'],
  age: ['adult'],
  socioeconomic: ['educational_attainment'],
  geographic: [],
  disability: ['unspecific'],
  religious: ['religious', 'spiritual'],
  sexual_orientation: ['queer'],
};

/**
 * HolisticBias lists ability noun phrases ("a person with low vision") without a group: the first
 * keyword found in the phrase gives it one, in this order (specific before general); phrases
 * without any keyword go to `other_disabilities` (diabetes, asthma, a stoma).
 */
export const ABILITY_PHRASE_GROUPS: ReadonlyArray<readonly [keyword: string, group: string]> = [
  ['prosthetic eye', 'visual'],
  ['wheelchair', 'mobility'],
  ['crutches', 'mobility'],
  ['walking', 'mobility'],
  ['moving', 'mobility'],
  ['amputee', 'mobility'],
  ['amputation', 'mobility'],
  ['limb', 'mobility'],
  ['prosthetic', 'mobility'],
  ['hearing', 'auditory'],
  ['deaf', 'auditory'],
  ['cochlear', 'auditory'],
  ['seeing', 'visual'],
  ['vision', 'visual'],
  ['visually', 'visual'],
  ['blindness', 'visual'],
  ['bifocals', 'visual'],
  ['stutter', 'speech'],
  ['lisp', 'speech'],
  ['speech', 'speech'],
  ['aphasia', 'speech'],
  ['spectrum', 'neurological'],
  ['autism', 'neurological'],
  ['tourette', 'neurological'],
  ['dyslexia', 'neurological'],
  ['brain injur', 'neurological'],
  ['memory loss', 'neurological'],
  ['dementia', 'neurological'],
  ['developmental', 'intellectual_and_developmental'],
  ['cognitive', 'intellectual_and_developmental'],
  ['intellectual', 'intellectual_and_developmental'],
  ['disability', 'unspecific'],
  ['disabilities', 'unspecific'],
];

/** Groups of the other axes' noun phrases, which HolisticBias also leaves without a group. */
export const PHRASE_GROUPS: Readonly<Record<string, string>> = {
  race_ethnicity: 'combined',
  socioeconomic_class: 'educational_attainment',
  age: 'middle_aged',
};

/** HolisticBias socioeconomic noun phrases that are about poverty, not education. */
export const POVERTY_PHRASE_KEYWORD = 'poverty';

/**
 * Group nouns the team adds: HolisticBias' age axis has "teen" and "adolescent" but not the
 * nouns counselling text uses for the same people, nor the generations ("boomers never listen",
 * "millennials are lazy"). A generation's group is its members' ages in 2026 (boomers 62-80,
 * Gen X 46-61, millennials 30-45, Gen Z 14-29, Gen Alpha under 14) and moves with the years.
 */
export const EXTRA_GROUP_TERMS: ReadonlyArray<{ term: string; biasType: BiasType; group: string }> =
  [
    { term: 'teenager', biasType: 'age', group: 'child' },
    { term: 'teenagers', biasType: 'age', group: 'child' },
    { term: 'retiree', biasType: 'age', group: 'old' },
    { term: 'retirees', biasType: 'age', group: 'old' },
    { term: 'pensioner', biasType: 'age', group: 'old' },
    { term: 'pensioners', biasType: 'age', group: 'old' },
    ...generation('old', ['boomer', 'boomers', 'baby boomer', 'baby boomers']),
    ...generation('middle_aged', ['gen x', 'gen xers', 'gen x-ers', 'generation x']),
    ...generation('young', ['millennial', 'millennials', 'gen y', 'generation y']),
    ...generation('young', ['gen z', 'gen zers', 'gen z-ers', 'generation z', 'zoomer', 'zoomers']),
    ...generation('child', ['gen alpha', 'generation alpha']),
  ];

function generation(group: string, terms: string[]) {
  return terms.map((term) => ({ term, biasType: 'age' as const, group }));
}

/**
 * Age groups for "N year(s) old" with any number, which HolisticBias lists only for a few
 * round numbers: upper bounds (inclusive) of each group, in order.
 */
export const NUMERIC_AGE_GROUPS: ReadonlyArray<readonly [maxAge: number, group: string]> = [
  [19, 'child'],
  [39, 'young'],
  [64, 'middle_aged'],
  [130, 'old'],
];
