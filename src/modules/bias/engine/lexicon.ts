import descriptorsData from '../lexicon/holistic-bias/holistic-bias-descriptors.json';
import nounsData from '../lexicon/holistic-bias/holistic-bias-nouns.json';
import phrasesData from '../lexicon/holistic-bias/holistic-bias-standalone_noun_phrases.json';
import {
  AMBIGUOUS_TERMS,
  BIRTH_ORDER_TERMS,
  DROPPED_TERMS,
  GUARDED_PLURALS,
} from '../lexicon/ambiguous-terms';
import {
  ABILITY_PHRASE_GROUPS,
  AXES_SPLIT_BY_DESCRIPTOR,
  AXIS_OF_TYPE,
  EXTRA_GROUP_TERMS,
  PHRASE_GROUPS,
  POVERTY_PHRASE_KEYWORD,
} from '../lexicon/group-settings';
import { NEGATIVE_WORDS } from '../lexicon/negative-words';
import { EXTRA_GENDER_NOUNS, EXTRA_PERSON_NOUNS, GENDER_PRONOUNS } from '../lexicon/person-words';
import { STIGMATISING_TERMS } from '../lexicon/stigmatising-terms';
import { BIAS_TYPES, type BiasType } from './bias-types';
import { foldText, termKey } from './tokenizer';

/**
 * The compiled lexicon: every group term of the eight bias types (from the HolisticBias data
 * files, loaded unchanged, plus the team's own lists) and the negative words, in one word-keyed
 * phrase tree, so a text is matched in a single pass with one map lookup per word.
 */

/** How much context an ambiguous term needs to count (see ambiguous-terms.ts). */
export type Guard = 'none' | 'guarded' | 'strict';

export interface GroupTerm {
  biasType: BiasType;
  group: string;
  /** The term's tokens joined by spaces: lower case, hyphens as spaces ("wheelchair bound"). */
  term: string;
  /** HolisticBias marks it `dispreferred`, or the team's stigmatising list has it. */
  stigmatising: boolean;
  guard: Guard;
  /** A noun for people ("women", "Muslims", "amputee") rather than a descriptor ("Muslim"). */
  noun: boolean;
  plural: boolean;
  /** A pronoun: a particular person, never a group statement. */
  pronoun: boolean;
  /** A phrase that follows its person noun ("with a disability", "who uses a wheelchair"). */
  tail: boolean;
  /** Age words that before a relative give birth order ("older brother"), not an age group. */
  birthOrder: boolean;
}

export interface PhraseNode {
  /** Group terms ending at this word. */
  terms: GroupTerm[] | null;
  /** A negative word or phrase ends at this word. */
  negative: boolean;
  next: Map<string, PhraseNode> | null;
}

export interface Lexicon {
  /** First word of every phrase -> its node. */
  phrases: Map<string, PhraseNode>;
  /** Nouns for people, any gender -> whether the form is plural. */
  personNouns: Map<string, boolean>;
  /** Every group term, for listing and tests. */
  terms: GroupTerm[];
}

type DescriptorEntry = string | { descriptor: string; preference?: string; gender?: string };
type PhraseEntry =
  string | { noun_phrase: string; plural_noun_phrase?: string; preference?: string };

/** Checks the imported JSON has the shape the builder reads, so a changed file fails loudly. */
function descriptorAxes(data: unknown): Record<string, Record<string, DescriptorEntry[]>> {
  if (typeof data !== 'object' || data === null)
    throw new Error('HolisticBias descriptors: not an object');
  for (const [axis, groups] of Object.entries(data)) {
    if (typeof groups !== 'object' || groups === null)
      throw new Error(`HolisticBias descriptors: axis ${axis} is not an object`);
    for (const entries of Object.values(groups as object))
      if (!Array.isArray(entries))
        throw new Error(`HolisticBias descriptors: ${axis} has a non-list group`);
  }
  return data as Record<string, Record<string, DescriptorEntry[]>>;
}

function nounLists(data: unknown): Record<string, Array<[string, string]>> {
  if (typeof data !== 'object' || data === null)
    throw new Error('HolisticBias nouns: not an object');
  return data as Record<string, Array<[string, string]>>;
}

function phraseLists(data: unknown): Record<string, PhraseEntry[]> {
  if (typeof data !== 'object' || data === null)
    throw new Error('HolisticBias noun phrases: not an object');
  return data as Record<string, PhraseEntry[]>;
}

/** "Bahá'í" -> baha_i, "Jehovah's Witness" -> jehovah_s_witness. */
export function groupSlug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Axes whose multi-word descriptors are also nouns for people ("African Americans", "Pacific Islanders"). */
const AXES_WITH_NOUN_PHRASES: ReadonlySet<string> = new Set([
  'race_ethnicity',
  'nationality',
  'religion',
]);

/**
 * Descriptors used as plural nouns ("Muslims", "autistics", "gays"): the last word takes an -s,
 * for single words on every axis and for phrases on the axes above; never for words that do not
 * inflect that way (-s, -x, -sh, -ch, -ed, -ing, -ese, consonant + y).
 */
function pluralOf(key: string, axis: string): string | null {
  if (key.includes(' ') && !AXES_WITH_NOUN_PHRASES.has(axis)) return null;
  if (/(s|x|z|[^aeiou]y|sh|ch|ed|ing|ese)$/.test(key) || !/[a-z]$/.test(key)) return null;
  return `${key}s`;
}

class LexiconBuilder {
  private readonly terms = new Map<string, GroupTerm>();
  readonly personNouns = new Map<string, boolean>();

  /**
   * Adds a term. The same words for the same group merge: noun if either says so, and
   * stigmatising if either says so, except that a noun phrase never overrides a descriptor
   * (HolisticBias marks "a person who is hard of hearing" dispreferred but the descriptor
   * "hard-of-hearing" reviewed: the phrase's verdict is about the "person who is" form).
   */
  add(
    term: Omit<GroupTerm, 'term' | 'guard' | 'birthOrder'> & {
      text: string;
      guard?: Guard;
      fromPhrase?: boolean;
    },
  ) {
    const key = termKey(term.text);
    if (key === '' || DROPPED_TERMS.has(key)) return;
    const id = `${key}|${term.biasType}|${term.group}`;
    const existing = this.terms.get(id);
    if (existing) {
      if (!term.fromPhrase) existing.stigmatising ||= term.stigmatising;
      existing.noun ||= term.noun;
      return;
    }
    this.terms.set(id, {
      biasType: term.biasType,
      group: term.group,
      term: key,
      stigmatising: term.stigmatising,
      guard: term.guard ?? (AMBIGUOUS_TERMS[key] as Guard | undefined) ?? 'none',
      noun: term.noun,
      plural: term.plural,
      pronoun: term.pronoun,
      tail: term.tail,
      birthOrder: BIRTH_ORDER_TERMS.has(key),
    });
  }

  addPersonNoun(singular: string, plural: string) {
    this.personNouns.set(termKey(singular), false);
    this.personNouns.set(termKey(plural), true);
  }

  list(): GroupTerm[] {
    return [...this.terms.values()];
  }
}

const PLAIN = { stigmatising: false, noun: false, plural: false, pronoun: false, tail: false };

/** HolisticBias descriptors of each type's axis, with generated plural nouns (see pluralOf). */
function addDescriptors(builder: LexiconBuilder) {
  const axes = descriptorAxes(descriptorsData);
  for (const biasType of BIAS_TYPES) {
    const axis = AXIS_OF_TYPE[biasType];
    for (const [hbGroup, entries] of Object.entries(axes[axis] ?? {})) {
      for (const entry of entries) {
        const text = typeof entry === 'string' ? entry : entry.descriptor;
        const stigmatising = typeof entry !== 'string' && entry.preference === 'dispreferred';
        const gender = typeof entry === 'string' ? undefined : entry.gender;
        let group = hbGroup;
        if (AXES_SPLIT_BY_DESCRIPTOR.has(axis)) group = groupSlug(text);
        else if (axis === 'gender_and_sex' && hbGroup === 'binary' && gender) group = gender;
        builder.add({ ...PLAIN, biasType, group, text, stigmatising });
        const key = termKey(text);
        const plural = AMBIGUOUS_TERMS[key] ? null : pluralOf(key, axis);
        if (plural)
          builder.add({
            ...PLAIN,
            biasType,
            group,
            text: plural,
            stigmatising,
            noun: true,
            plural: true,
          });
      }
    }
  }
}

/** A gendered person noun in both numbers: a gender mention and a person noun. */
function addGenderNoun(
  builder: LexiconBuilder,
  group: 'female' | 'male',
  singular: string,
  plural: string,
) {
  builder.addPersonNoun(singular, plural);
  builder.add({ ...PLAIN, biasType: 'gender', group, text: singular, noun: true });
  builder.add({ ...PLAIN, biasType: 'gender', group, text: plural, noun: true, plural: true });
}

/** HolisticBias person nouns (female and male ones are gender mentions), the team's extra nouns and pronouns. */
function addNouns(builder: LexiconBuilder) {
  for (const [gender, pairs] of Object.entries(nounLists(nounsData)))
    for (const [singular, plural] of pairs)
      if (gender === 'female' || gender === 'male')
        addGenderNoun(builder, gender, singular, plural);
      else builder.addPersonNoun(singular, plural);
  for (const group of ['female', 'male'] as const) {
    for (const [singular, plural] of EXTRA_GENDER_NOUNS[group])
      addGenderNoun(builder, group, singular, plural);
    for (const pronoun of GENDER_PRONOUNS[group])
      builder.add({
        ...PLAIN,
        biasType: 'gender',
        group,
        text: pronoun,
        noun: true,
        pronoun: true,
      });
  }
  for (const [singular, plural] of EXTRA_PERSON_NOUNS) builder.addPersonNoun(singular, plural);
}

/** The religion descriptor a noun phrase names: "Jews" -> Jewish, "Shia Muslim" -> Shia. */
function religionGroupOf(phrase: string, descriptors: readonly string[]): string | null {
  const key = termKey(phrase);
  for (const descriptor of descriptors) {
    const candidate = termKey(descriptor);
    if (key === candidate || candidate.startsWith(key) || key.startsWith(`${candidate} `))
      return groupSlug(descriptor);
  }
  return null;
}

/**
 * The words of a HolisticBias noun phrase that identify the group: the "{article} {noun}"
 * placeholder and a leading article go; "who is X" becomes X when X has two words or more
 * ("who is hard of hearing" -> "hard of hearing"), and stays whole when X is one word, which on
 * its own would be too ambiguous ("who is barren"). Returns the phrase and whether it is a tail
 * that follows a person noun.
 */
function phraseCore(phrase: string): { text: string; tail: boolean } {
  const templated = phrase.includes('{noun}');
  let words = termKey(phrase.replace('{article} {noun}', ' ')).split(' ');
  if (words[0] === 'a' || words[0] === 'an') words = words.slice(1);
  if ((words[0] === 'person' || words[0] === 'people') && words[1] === 'who')
    words = words.slice(1);
  const tail = templated || words[0] === 'who';
  if (words[0] === 'who' && ['is', 'are', "'s"].includes(words[1] ?? '') && words.length > 3)
    words = words.slice(2);
  if ((words[0] === 'a' || words[0] === 'an') && words.length > 1) words = words.slice(1);
  return { text: words.join(' '), tail };
}

/** The group of a non-religion noun phrase, by axis (HolisticBias gives none). */
function phraseGroup(axis: string, key: string): string | null {
  if (axis === 'ability') {
    for (const [keyword, group] of ABILITY_PHRASE_GROUPS) if (key.includes(keyword)) return group;
    return 'other_disabilities';
  }
  if (axis === 'gender_and_sex') {
    if (/\bshe her\b/.test(key)) return 'female';
    if (/\bhe him\b/.test(key)) return 'male';
    return 'non_binary_or_gnc';
  }
  if (axis === 'socioeconomic_class' && key.includes(POVERTY_PHRASE_KEYWORD))
    return 'below_poverty_line';
  return PHRASE_GROUPS[axis] ?? null;
}

/** HolisticBias standalone noun phrases of the mapped axes ("a wheelchair user", "Buddhists"). */
function addNounPhrases(builder: LexiconBuilder) {
  const axes = descriptorAxes(descriptorsData);
  const phrases = phraseLists(phrasesData);
  for (const biasType of BIAS_TYPES) {
    const axis = AXIS_OF_TYPE[biasType];
    const religionDescriptors = Object.values(axes.religion ?? {})
      .flat()
      .map((entry) => (typeof entry === 'string' ? entry : entry.descriptor));
    for (const entry of phrases[axis] ?? []) {
      const forms =
        typeof entry === 'string'
          ? [{ phrase: entry, plural: false }]
          : [
              { phrase: entry.noun_phrase, plural: false },
              ...(entry.plural_noun_phrase
                ? [{ phrase: entry.plural_noun_phrase, plural: true }]
                : []),
            ];
      const stigmatising = typeof entry !== 'string' && entry.preference === 'dispreferred';
      for (const form of forms) {
        const core = phraseCore(form.phrase);
        const group =
          axis === 'religion'
            ? religionGroupOf(
                typeof entry === 'string' ? entry : entry.noun_phrase.replace(/^an? /, ''),
                religionDescriptors,
              )
            : phraseGroup(axis, core.text);
        if (!group) continue;
        const noun = !core.tail;
        const fromPhrase = true;
        builder.add({
          ...PLAIN,
          biasType,
          group,
          text: core.text,
          stigmatising,
          noun,
          plural: form.plural && noun,
          tail: core.tail,
          fromPhrase,
        });
        // "who uses a wheelchair" also counts without "who": "my partner uses a wheelchair".
        if (core.text.startsWith('who ') && !/^who (is|are|'s) /.test(core.text))
          builder.add({
            ...PLAIN,
            biasType,
            group,
            text: core.text.slice(4),
            stigmatising,
            tail: true,
            fromPhrase,
          });
        // "women of color": the phrase is about women too.
        const head = core.text.split(' ')[0];
        const gender =
          head === 'woman' || head === 'women'
            ? 'female'
            : head === 'man' || head === 'men'
              ? 'male'
              : null;
        if (gender)
          builder.add({
            ...PLAIN,
            biasType: 'gender',
            group: gender,
            text: core.text,
            noun: true,
            plural: form.plural,
          });
      }
    }
  }
}

/** The team's own lists: stigmatising terms, extra group nouns, plurals of guarded adjectives. */
function addTeamTerms(builder: LexiconBuilder) {
  for (const { term, biasType, group } of STIGMATISING_TERMS) {
    const plural = /[^s]s$|people$/.test(term);
    builder.add({
      ...PLAIN,
      biasType,
      group,
      text: term,
      stigmatising: true,
      noun: plural,
      plural,
    });
  }
  for (const { term, biasType, group } of EXTRA_GROUP_TERMS)
    builder.add({ ...PLAIN, biasType, group, text: term, noun: true, plural: term.endsWith('s') });
  const base = builder.list();
  for (const [plural, of] of Object.entries(GUARDED_PLURALS))
    for (const term of base.filter((candidate) => candidate.term === of))
      builder.add({
        ...PLAIN,
        biasType: term.biasType,
        group: term.group,
        text: plural,
        noun: true,
        plural: true,
        guard: 'guarded',
      });
}

/** The node at the end of a word sequence, created on the way. */
function nodeFor(phrases: Map<string, PhraseNode>, words: readonly string[]): PhraseNode {
  let level = phrases;
  let node: PhraseNode | undefined;
  words.forEach((word, i) => {
    node = level.get(word);
    if (!node) {
      node = { terms: null, negative: false, next: null };
      level.set(word, node);
    }
    if (i < words.length - 1) level = node.next ??= new Map();
  });
  if (!node) throw new Error('empty lexicon term');
  return node;
}

/** Builds the lexicon from the data files and the team's lists. */
export function buildLexicon(): Lexicon {
  const builder = new LexiconBuilder();
  addNouns(builder);
  addDescriptors(builder);
  addNounPhrases(builder);
  addTeamTerms(builder);
  const phrases = new Map<string, PhraseNode>();
  const terms = builder.list();
  for (const term of terms) {
    const node = nodeFor(phrases, term.term.split(' '));
    (node.terms ??= []).push(term);
  }
  for (const word of NEGATIVE_WORDS) nodeFor(phrases, termKey(word).split(' ')).negative = true;
  return { phrases, personNouns: builder.personNouns, terms };
}

let shared: Lexicon | undefined;

/** The lexicon built once per process (a few milliseconds) and shared by every analyzer. */
export function defaultLexicon(): Lexicon {
  shared ??= buildLexicon();
  return shared;
}
