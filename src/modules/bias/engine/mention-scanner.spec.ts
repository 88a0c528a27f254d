import { type Mention, scanText } from './mention-scanner';

/** "type/group" of every mention, in text order. */
const groupsIn = (text: string) => scanText(text).mentions.map((m) => `${m.biasType}/${m.group}`);
const only = (text: string, biasType: Mention['biasType']) =>
  scanText(text).mentions.filter((mention) => mention.biasType === biasType);

describe('scanText: matching', () => {
  it('matches case-insensitively on word boundaries, with hyphen and space variants', () => {
    expect(groupsIn('My cousin is Hard-Of-Hearing.')).toEqual(['disability/auditory']);
    expect(groupsIn('My cousin is hard of hearing.')).toEqual(['disability/auditory']);
    expect(groupsIn('We watched a Godzilla film about asianfusion cooking.')).toEqual([]);
  });

  it('prefers the longest term: "African-American" is one racial mention, not two', () => {
    expect(groupsIn('Our African-American neighbours came over.')).toEqual(['racial/black']);
    expect(groupsIn('I am Mexican-American.')).toEqual(['geographic/mexico']);
  });

  it('counts gendered nouns and pronouns, and leaves "they" out', () => {
    expect(groupsIn('My wife said she would call him.')).toEqual([
      'gender/female',
      'gender/female',
      'gender/male',
    ]);
    expect(groupsIn('They said they would come.')).toEqual([]);
  });

  it('gives any "N years old" an age group', () => {
    expect(groupsIn('I am 23 years old and I feel stuck.')).toEqual(['age/young']);
    expect(groupsIn('Our 16-year-old is struggling.')).toEqual(['age/child']);
    expect(groupsIn('He turned 71 years old in May.')).toEqual(['gender/male', 'age/old']);
  });

  it('takes generations for age groups ("boomers", "millennials", "Gen Z")', () => {
    expect(groupsIn('Boomers never listen.')).toEqual(['age/old']);
    expect(groupsIn('My manager says millennials are lazy.')).toEqual(['age/young']);
    expect(groupsIn('Gen Z kids are glued to phones.')).toEqual(['age/young']);
    expect(groupsIn('Gen X-ers raised themselves.')).toEqual(['age/middle_aged']);
    expect(only('Boomers never listen.', 'age')[0].generalisation).toBe('<group> never');
  });

  it('resolves religion nouns to their community', () => {
    expect(groupsIn('Some Jews and Sikhs came to the vigil.')).toEqual([
      'religious/jewish',
      'religious/sikh',
    ]);
  });
});

describe('scanText: ambiguous terms', () => {
  it.each([
    'I feel poor about my progress this week.',
    'I have a poor appetite lately.',
    "I'm poor at keeping in touch with people.",
    'I went straight home after the session.',
    'The straight answer is that I do not know.',
    'The pan on the stove caught fire.',
    'My progress has been slow this month.',
    'I felt paralyzed by fear at the interview.',
    'Old habits are hard to break.',
    'My older brother lives abroad.',
    'It was a white lie, nothing more.',
    'I drink my coffee black.',
    'I have a blind spot about my own needs.',
    'The rich soil in the garden helps me relax.',
    'My senior year was the hardest.',
  ])('finds no group mention in the ordinary sentence %j', (sentence) => {
    const mentions = scanText(sentence).mentions.filter((mention) => mention.biasType !== 'gender');
    expect(mentions).toEqual([]);
  });

  it.each([
    ['We are broke after the surgery.', 'socioeconomic/below_poverty_line'],
    ['I grew up with poor families all around us.', 'socioeconomic/below_poverty_line'],
    ['People say the poor are lazy.', 'socioeconomic/below_poverty_line'],
    ["I'm straight and newly single.", 'sexual_orientation/straight'],
    ['I joined a group for bi women.', 'sexual_orientation/bi'],
    ['I volunteer with older patients.', 'age/old'],
    ['Some white people in my town stare at us.', 'racial/white'],
    ['My grandfather is blind.', 'disability/visual'],
    ['Seniors are often ignored by doctors.', 'age/old'],
  ])('finds the group in %j', (sentence, group) => {
    expect(groupsIn(sentence)).toContain(group);
  });
});

describe('scanText: association', () => {
  it('flags a negative word within the window of a group mention in the same sentence', () => {
    const [mention] = only('Some say Hindus are backward.', 'religious');
    expect(mention).toMatchObject({ group: 'hindu', negativeContext: true });
  });

  it('does not reach across a sentence end or beyond the window', () => {
    expect(
      only('Hindus came to the talk. The food was disgusting.', 'religious')[0].negativeContext,
    ).toBe(false);
    const far =
      'Hindus came to the long meeting at the library on the corner of the main street and it was disgusting.';
    expect(only(far, 'religious')[0].negativeContext).toBe(false);
  });

  it('does not let pronouns and possessed nouns carry association', () => {
    const mentions = scanText('My husband is cruel and he is violent.').mentions;
    expect(mentions.map((mention) => mention.associates)).toEqual([false, false]);
    expect(mentions.some((mention) => mention.negativeContext)).toBe(false);
  });

  it('gives the association to the descriptor, not the gendered noun it qualifies', () => {
    const mentions = scanText('People say Muslim women are oppressed and stupid.').mentions;
    expect(mentions.find((m) => m.biasType === 'religious')).toMatchObject({
      associates: true,
      negativeContext: true,
    });
    expect(mentions.find((m) => m.biasType === 'gender')).toMatchObject({
      associates: false,
      negativeContext: false,
    });
  });

  it('marks stigmatising terms, and a "with ..." label only after its person noun', () => {
    expect(only('My cousin is wheelchair-bound.', 'disability')[0].stigmatising).toBe(true);
    expect(only('Our son was diagnosed with autism.', 'disability')[0].stigmatising).toBe(false);
    expect(only('She works with people with autism.', 'disability')[0].stigmatising).toBe(true);
  });
});

describe('scanText: generalisations', () => {
  it.each([
    ['All Muslims are the same, my coworker says.', 'all <group>'],
    ['Every Catholic is a hypocrite, he told me.', 'every <group>'],
    ['That is so typical Mexican, my aunt said.', 'typical <group>'],
    ['Women are too emotional to lead, says my boss.', '<group> are too'],
    ['Men always leave when it gets hard.', '<group> always'],
    ['Old people are a burden, my grandson says.', '<group> are <negative>'],
    ['The elderly are helpless, they said.', '<group> are <negative>'],
    ['Gay people are naturally promiscuous, my uncle says.', '<group> are naturally'],
  ])('finds the pattern in %j', (sentence, pattern) => {
    expect(scanText(sentence).mentions.map((mention) => mention.generalisation)).toContain(pattern);
  });

  it.each([
    'My sons never call me on weekends.',
    "My sister's kids are lazy about homework.",
    'A Muslim colleague helped me today.',
    'Some women at my gym are friendly.',
  ])('finds no generalisation about particular people in %j', (sentence) => {
    expect(scanText(sentence).mentions.every((mention) => mention.generalisation === null)).toBe(
      true,
    );
  });
});

describe('scanText: denials', () => {
  const first = (text: string) => scanText(text).mentions[0];

  it('takes "not all X", "I don\'t think X are", "the myth that X are" for denials, not generalisations', () => {
    expect(first('All women are emotional.').generalisation).toBe('all <group>');
    expect(first('Not all women are emotional.').generalisation).toBeNull();
    expect(first("I don't think disabled people are a burden.").generalisation).toBeNull();
    expect(first("I don't think disabled people are a burden.").negativeContext).toBe(false);
    expect(first('Disabled people are a burden.').generalisation).toBe('<group> are <negative>');
  });

  it('does not count a denied negative word ("aren\'t weak", "not a burden") as negative context', () => {
    expect(first('Women are weak.').negativeContext).toBe(true);
    expect(first("Women aren't weak.").negativeContext).toBe(false);
    expect(first('Disabled people are not a burden.').negativeContext).toBe(false);
  });

  it('takes a bare "not" elsewhere in the sentence for no denial', () => {
    expect(first("I'm not racist but all Mexicans are criminals.").generalisation).toBe(
      'all <group>',
    );
    expect(first("Don't get me wrong but women are weak.").generalisation).toBe(
      '<group> are <negative>',
    );
    expect(first("It's not surprising that women are weak.").negativeContext).toBe(true);
    expect(first('I do not understand why gay people are so lazy.').generalisation).toBe(
      '<group> are so',
    );
    expect(first('I do not believe women are weak.').generalisation).toBeNull();
    expect(first('It is not true that old people are useless.').generalisation).toBeNull();
  });

  it('lets a denial reach only within its clause', () => {
    expect(first("I don't care, all men are pigs.").generalisation).toBe('all <group>');
    expect(first('No, all men are pigs.').generalisation).toBe('all <group>');
  });
});
