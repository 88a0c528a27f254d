import { BIAS_TYPES } from './bias-types';
import { buildLexicon, groupSlug } from './lexicon';

const lexicon = buildLexicon();
const termsOf = (term: string) => lexicon.terms.filter((candidate) => candidate.term === term);

describe('buildLexicon', () => {
  it('has at least two groups for each of the eight bias types', () => {
    const groupCounts = BIAS_TYPES.map((biasType) => ({
      biasType,
      groups: new Set(
        lexicon.terms.filter((term) => term.biasType === biasType).map((term) => term.group),
      ).size,
    }));
    for (const { groups } of groupCounts) expect(groups).toBeGreaterThanOrEqual(2);
    expect(groupCounts.find((entry) => entry.biasType === 'geographic')?.groups).toBe(11);
  });

  it('maps HolisticBias axes and groups onto the bias types', () => {
    expect(termsOf('hard of hearing')).toEqual([
      expect.objectContaining({ biasType: 'disability', group: 'auditory', stigmatising: false }),
    ]);
    expect(termsOf('middle class')[0]).toMatchObject({
      biasType: 'socioeconomic',
      group: 'middle_class',
    });
    expect(termsOf('korean')[0]).toMatchObject({ biasType: 'geographic', group: 'south_korea' });
    expect(termsOf('latina')[0]).toMatchObject({ biasType: 'racial', group: 'latinx' });
    expect(termsOf('middle aged')[0]).toMatchObject({ biasType: 'age', group: 'middle_aged' });
  });

  it('marks HolisticBias dispreferred terms and the team list as stigmatising', () => {
    expect(termsOf('wheelchair bound')[0]).toMatchObject({ group: 'mobility', stigmatising: true });
    expect(termsOf('handicapped')[0].stigmatising).toBe(true);
    expect(termsOf('oriental')[0]).toMatchObject({
      biasType: 'racial',
      group: 'asian',
      stigmatising: true,
    });
    expect(termsOf('transgendered')[0]).toMatchObject({ biasType: 'gender', stigmatising: true });
    expect(termsOf('autistic')[0].stigmatising).toBe(false);
  });

  it('adds person nouns and pronouns to gender, and "they" to nothing', () => {
    expect(termsOf('women')[0]).toMatchObject({
      biasType: 'gender',
      group: 'female',
      plural: true,
    });
    expect(termsOf('husband')[0]).toMatchObject({ group: 'male', noun: true });
    expect(termsOf('she')[0]).toMatchObject({ group: 'female', pronoun: true });
    expect(termsOf('they')).toEqual([]);
    expect(lexicon.personNouns.get('people')).toBe(true);
    expect(lexicon.personNouns.get('person')).toBe(false);
  });

  it('splits religion into one group per descriptor and resolves its nouns', () => {
    expect(termsOf('jews')[0]).toMatchObject({
      biasType: 'religious',
      group: 'jewish',
      plural: true,
    });
    expect(termsOf('muslims')[0]).toMatchObject({ group: 'muslim' });
    expect(termsOf("baha'i")[0]).toMatchObject({ group: 'baha_i' });
    expect(groupSlug("Jehovah's Witness")).toBe('jehovah_s_witness');
  });

  it('keeps terms that are in two axes in both types', () => {
    expect(
      termsOf('lgbtq')
        .map((term) => term.biasType)
        .sort(),
    ).toEqual(['gender', 'sexual_orientation']);
  });

  it('builds plural nouns, including phrases on the race and nationality axes', () => {
    expect(termsOf('gays')[0]).toMatchObject({ group: 'gay', plural: true });
    expect(termsOf('african americans')[0]).toMatchObject({ biasType: 'racial', group: 'black' });
    expect(termsOf('mexicans')[0]).toMatchObject({ biasType: 'geographic', group: 'mexico' });
    expect(termsOf('chineses')).toEqual([]);
    expect(termsOf('wealthys')).toEqual([]);
  });

  it('gives ambiguous words their guard tier and drops the unusable ones', () => {
    expect(termsOf('bi')[0].guard).toBe('strict');
    expect(termsOf('poor')[0].guard).toBe('guarded');
    expect(termsOf('whites')[0]).toMatchObject({ guard: 'guarded', group: 'white' });
    expect(termsOf('bisexual')[0].guard).toBe('none');
    expect(termsOf('fruit')).toEqual([]);
    expect(termsOf('fairies')).toEqual([]);
  });

  it('turns HolisticBias noun phrases into tails and nouns with a group', () => {
    expect(termsOf('with a disability')[0]).toMatchObject({ group: 'unspecific', tail: true });
    expect(termsOf('confined to a wheelchair')[0]).toMatchObject({
      group: 'mobility',
      stigmatising: true,
    });
    expect(termsOf('wheelchair user')[0]).toMatchObject({ group: 'mobility', noun: true });
    expect(termsOf('people of color')[0]).toMatchObject({ biasType: 'racial', group: 'combined' });
    expect(termsOf('living in poverty')[0]).toMatchObject({ group: 'below_poverty_line' });
    expect(termsOf('who uses they them pronouns')[0]).toMatchObject({ group: 'non_binary_or_gnc' });
  });
});
