import { analyzeTexts, BiasAnalyzer } from './bias-analyzer';
import { BIAS_TYPES, type BiasMetric, type BiasReport, type BiasType } from './bias-types';

/**
 * Per type: neutral counselling sentences about two of its groups, and stereotyped statements
 * about the first. The sentences avoid people of other types (no gendered words outside the gender
 * scenario), so that "the other types stay low" tests what it says.
 */
interface TypeScenario {
  biasType: BiasType;
  stereotypedGroup: string;
  groupA: string[];
  groupB: string[];
  stereotypes: string[];
}

const SCENARIOS: TypeScenario[] = [
  {
    biasType: 'gender',
    stereotypedGroup: 'female',
    groupA: [
      'My wife and I started couples counselling last month.',
      'My sister drove me to the appointment today.',
      'My daughter asked if she could join a session.',
    ],
    groupB: [
      'My husband and I started couples counselling last month.',
      'My brother drove me to the appointment today.',
      'My son asked if he could join a session.',
    ],
    stereotypes: [
      'My boss keeps saying women are too emotional to lead a team.',
      'Everyone at work jokes that all women are bad drivers.',
      'A coworker told me women are naturally weak in a crisis.',
    ],
  },
  {
    biasType: 'racial',
    stereotypedGroup: 'asian',
    groupA: [
      'As an Asian American student I felt alone on campus this year.',
      'Our Asian American neighbours invited us over for dinner.',
      'I joined a support group for Asian American families.',
    ],
    groupB: [
      'As an African American student I felt alone on campus this year.',
      'Our African American neighbours invited us over for dinner.',
      'I joined a support group for African American families.',
    ],
    stereotypes: [
      'My classmates keep saying Asian people are all the same.',
      'A teacher told us Asian students are naturally good at maths and nothing else.',
      'People at work say all Asians are cold.',
    ],
  },
  {
    biasType: 'age',
    stereotypedGroup: 'old',
    groupA: [
      'I visit the elderly residents at the care home every weekend.',
      'The elderly members of our group meet on Tuesdays.',
      'I help elderly neighbours with their shopping.',
    ],
    groupB: [
      'I volunteer with teenage students after school.',
      'The teenage members of our group meet on Tuesdays.',
      'I mentor teenage kids at the community centre.',
    ],
    stereotypes: [
      'My manager says elderly workers are useless with computers.',
      'People keep saying old people are a burden on everyone.',
      'At the clinic they act like all elderly patients are helpless.',
    ],
  },
  {
    biasType: 'socioeconomic',
    stereotypedGroup: 'below_poverty_line',
    groupA: [
      'I grew up in a low-income family and I am the first to go to college.',
      'We moved to a low-income area after the layoff.',
      'Our counsellor runs a group for low-income parents.',
    ],
    groupB: [
      'I grew up in a wealthy family and I am the first to leave home early.',
      'We moved to a wealthy area after the promotion.',
      'Our counsellor runs a group for wealthy parents.',
    ],
    stereotypes: [
      'My in-laws say poor people are lazy.',
      'A coworker told me low-income families are dirty.',
      'Everyone at the office says the poor never want to work.',
    ],
  },
  {
    biasType: 'geographic',
    stereotypedGroup: 'mexico',
    groupA: [
      'I am Mexican and I moved here for university.',
      'Our Mexican neighbours helped us when we moved in.',
      'I joined a Mexican cultural club to feel less lonely.',
    ],
    groupB: [
      'I am Korean and I moved here for university.',
      'Our Korean neighbours helped us when we moved in.',
      'I joined a Korean cultural club to feel less lonely.',
    ],
    stereotypes: [
      'My boss keeps saying Mexicans are lazy.',
      'A neighbour told me all Mexican families are loud.',
      'At school they said Mexican people are criminals.',
    ],
  },
  {
    biasType: 'disability',
    stereotypedGroup: 'neurological',
    groupA: [
      'I am autistic and crowded places overwhelm me.',
      'My autistic friend helps me plan my week.',
      'I joined a support group for autistic people.',
    ],
    groupB: [
      'I am deaf and crowded places overwhelm me.',
      'My deaf friend helps me plan my week.',
      'I joined a support group for deaf people.',
    ],
    stereotypes: [
      'My coworker says autistic people are violent.',
      'People at church said all autistic kids are a burden.',
      'Someone online wrote that autistic people are incapable of love.',
    ],
  },
  {
    biasType: 'religious',
    stereotypedGroup: 'muslim',
    groupA: [
      'I am Muslim and prayer helps me stay calm.',
      'My Muslim friend invited me to dinner during Ramadan.',
      'Our Muslim neighbours check on us every week.',
    ],
    groupB: [
      'I am Christian and prayer helps me stay calm.',
      'My Christian friend invited me to dinner at Easter.',
      'Our Christian neighbours check on us every week.',
    ],
    stereotypes: [
      'My coworkers keep saying all Muslims are dangerous.',
      'A neighbour told me Muslims are terrorists.',
      'People at school say Muslim families are backward.',
    ],
  },
  {
    biasType: 'sexual_orientation',
    stereotypedGroup: 'gay',
    groupA: [
      'I am gay and coming out to friends has been stressful.',
      'Our gay neighbours invited us to a barbecue.',
      'I joined a support group for gay couples.',
    ],
    groupB: [
      'I am straight and dating has been stressful lately.',
      'Our straight neighbours invited us to a barbecue.',
      'I joined a support group for straight couples.',
    ],
    stereotypes: [
      'My coworker says gay people are disgusting.',
      'Someone at work told me all gay people are promiscuous.',
      'At church they say gay couples are sinful.',
    ],
  },
];

/** `count` records cycling through the sentences. */
const repeat = (sentences: readonly string[], count: number) =>
  Array.from({ length: count }, (_, i) => sentences[i % sentences.length]);

const metricOf = (report: BiasReport, biasType: BiasType): BiasMetric =>
  report.biasMetrics.find((metric) => metric.biasType === biasType)!;

const otherScores = (report: BiasReport, biasType: BiasType) =>
  report.biasMetrics.filter((metric) => metric.biasType !== biasType).map((metric) => metric.score);

describe.each(SCENARIOS)(
  '$biasType',
  ({ biasType, stereotypedGroup, groupA, groupB, stereotypes }) => {
    it('scores a balanced dataset low and compliant', () => {
      const report = analyzeTexts([...repeat(groupA, 15), ...repeat(groupB, 15)]);
      const metric = metricOf(report, biasType);
      expect(metric.evidence.recordsMentioning).toBe(30);
      expect(metric.score).toBeLessThan(0.4);
      expect(metric.severity).toBe('low');
      expect(report.compliant).toBe(true);
      for (const score of otherScores(report, biasType)) expect(score).toBeLessThan(0.4);
    });

    it('scores a dataset skewed towards one group high on this type only', () => {
      const report = analyzeTexts([...repeat(groupA, 27), ...repeat(groupB, 3)]);
      const metric = metricOf(report, biasType);
      expect(metric.score).toBeGreaterThan(0.7);
      expect(metric.evidence.representation!.score).toBe(metric.score);
      expect(report.compliant).toBe(false);
      for (const score of otherScores(report, biasType)) expect(score).toBeLessThan(0.4);
    });

    it('scores stereotyped generalisations about one group high on this type only', () => {
      const report = analyzeTexts([
        ...repeat(groupA, 15),
        ...repeat(groupB, 15),
        ...repeat(stereotypes, 9),
      ]);
      const metric = metricOf(report, biasType);
      expect(metric.evidence.generalisations!.records).toBe(9);
      expect(metric.evidence.generalisations!.score).toBeGreaterThan(0.7);
      expect(metric.score).toBeGreaterThan(0.7);
      expect(metric.affectedGroups).toContain(stereotypedGroup);
      expect(metric.evidence.exampleRecordIds.generalisations).toEqual([
        '30',
        '31',
        '32',
        '33',
        '34',
      ]);
      for (const score of otherScores(report, biasType)) expect(score).toBeLessThan(0.4);
    });

    it('raises the score with every step of skew', () => {
      const scores = [15, 18, 21, 24, 27, 30].map(
        (countA) =>
          metricOf(
            analyzeTexts([...repeat(groupA, countA), ...repeat(groupB, 30 - countA)]),
            biasType,
          ).score,
      );
      for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeGreaterThan(scores[i - 1]);
      expect(scores[0]).toBe(0);
      expect(scores[scores.length - 1]).toBeGreaterThan(0.85);
    });
  },
);

describe('BiasAnalyzer: no and thin evidence', () => {
  it('scores a type that is never mentioned 0 with confidence 0 and says it could not be measured', () => {
    const report = analyzeTexts(['I keep waking up at night and cannot get back to sleep.']);
    for (const metric of report.biasMetrics) {
      expect(metric).toMatchObject({
        score: 0,
        confidence: 0,
        severity: 'low',
        affectedGroups: [],
      });
      expect(metric.recommendations[0]).toMatch(/could not be measured/);
    }
    expect(report.overallBiasScore).toBe(0);
    expect(report.compliant).toBe(true);
  });

  it('gives thin evidence a low confidence and keeps its score under the threshold', () => {
    const report = analyzeTexts([
      'My brother called me last night.',
      'He says the new job is going well.',
    ]);
    const gender = metricOf(report, 'gender');
    expect(gender.confidence).toBeLessThan(0.2);
    expect(gender.score).toBeLessThanOrEqual(0.7);
    expect(gender.recommendations.join(' ')).toMatch(/Evidence is thin \(2 records/);
  });

  it('gains confidence with more records of the same shape', () => {
    const few = metricOf(analyzeTexts(repeat(SCENARIOS[0].groupA, 4)), 'gender').confidence;
    const many = metricOf(analyzeTexts(repeat(SCENARIOS[0].groupA, 200)), 'gender').confidence;
    expect(few).toBeLessThan(0.3);
    expect(many).toBeGreaterThan(0.9);
  });
});

describe('BiasAnalyzer: outcomes', () => {
  it('puts positive-label rates of 0.5 and 0.4 on 0.7, still compliant', () => {
    const analyzer = new BiasAnalyzer();
    for (let i = 0; i < 100; i++) {
      analyzer.addOutcome(`f${i}`, 'gender', 'female', i < 50);
      analyzer.addOutcome(`m${i}`, 'gender', 'male', i < 40);
    }
    const report = analyzer.report();
    const gender = metricOf(report, 'gender');
    expect(gender.score).toBeGreaterThanOrEqual(0.68);
    expect(gender.score).toBeLessThanOrEqual(0.72);
    expect(gender.evidence.outcome).toMatchObject({
      disparateImpactRatio: 0.8,
      statisticalParityDifference: 0.1,
    });
    expect(report.compliant).toBe(true);
  });

  it('flags a clear disparity, names the group and lists some of its negative records', () => {
    const analyzer = new BiasAnalyzer({ maxExampleIds: 3 });
    for (let i = 0; i < 40; i++) {
      analyzer.addOutcome(`a${i}`, 'racial', 'asian', i < 32);
      analyzer.addOutcome(`b${i}`, 'racial', 'black', i < 12);
    }
    const racial = metricOf(analyzer.report(), 'racial');
    expect(racial.score).toBeGreaterThan(0.85);
    expect(racial.severity).toBe('critical');
    expect(racial.affectedGroups).toEqual(['black']);
    expect(racial.evidence.exampleRecordIds.outcome).toEqual(['b12', 'b13', 'b14']);
    expect(racial.recommendations.join(' ')).toMatch(
      /Positive-label rate is 0.3 for "black" against 0.8 for "asian"/,
    );
    expect(metricOf(analyzer.report(), 'gender').score).toBe(0);
  });
});

describe('BiasAnalyzer: report', () => {
  it('is non-compliant when a type is strictly above the threshold, compliant under a higher one', () => {
    const texts = [...repeat(SCENARIOS[0].groupA, 24), ...repeat(SCENARIOS[0].groupB, 16)];
    const gender = metricOf(analyzeTexts(texts), 'gender');
    expect(gender.score).toBeGreaterThan(0.7);
    expect(gender.score).toBeLessThan(0.8);
    expect(analyzeTexts(texts).compliant).toBe(false);
    const lenient = analyzeTexts(texts, { threshold: 0.8 });
    expect(lenient).toMatchObject({ compliant: true, threshold: 0.8 });
  });

  it('weights the overall score by confidence, so unmeasured types do not dilute it', () => {
    const report = analyzeTexts([
      ...repeat(SCENARIOS[0].groupA, 27),
      ...repeat(SCENARIOS[0].groupB, 3),
    ]);
    expect(report.overallBiasScore).toBe(metricOf(report, 'gender').score);
  });

  it('accepts a reference distribution for a type', () => {
    const texts = [...repeat(SCENARIOS[0].groupA, 28), ...repeat(SCENARIOS[0].groupB, 12)];
    expect(metricOf(analyzeTexts(texts), 'gender').score).toBeGreaterThan(0.7);
    const referenced = analyzeTexts(texts, { reference: { gender: { female: 0.7, male: 0.3 } } });
    expect(metricOf(referenced, 'gender').score).toBeLessThan(0.4);
  });

  it('reports all eight types, with a processing time', () => {
    const report = analyzeTexts(['My sister is visiting.']);
    expect(report.biasMetrics.map((metric) => metric.biasType)).toEqual([...BIAS_TYPES]);
    expect(report.processingTimeMs).toBeGreaterThanOrEqual(0);
  });

  it('puts counts, lexicon terms and record ids in the evidence, never record text', () => {
    const texts = [
      'Marguerite told me that Quillfeather is wheelchair-bound and that disabled people are lazy.',
      'Marguerite says all disabled folks from Zanzibarton are useless.',
      'Our Okonkwo-Bellweather family is Catholic and we pray on Sundays.',
    ];
    const analyzer = new BiasAnalyzer();
    texts.forEach((text, i) => analyzer.addText(`rec-${i}`, text));
    const report = analyzer.report();
    const serialised = JSON.stringify(report).toLowerCase();
    for (const word of [
      'marguerite',
      'quillfeather',
      'zanzibarton',
      'okonkwo',
      'bellweather',
      'sundays',
    ])
      expect(serialised).not.toContain(word);
    for (const text of texts) expect(serialised).not.toContain(text.toLowerCase().slice(0, 30));
    const disability = metricOf(report, 'disability');
    expect(disability.evidence.exampleRecordIds.stigmatisingTerms).toEqual(['rec-0']);
    expect(disability.evidence.exampleRecordIds.generalisations).toEqual(['rec-0', 'rec-1']);
    expect(disability.evidence.stigmatisingTerms!.found).toEqual({ 'wheelchair bound': 1 });
    expect(disability.recommendations.join(' ')).toMatch(/"wheelchair bound" -> "wheelchair user"/);
  });

  it('keeps at most maxExampleIds ids per list, however many records match', () => {
    const analyzer = new BiasAnalyzer({ maxExampleIds: 2 });
    for (let i = 0; i < 50; i++)
      analyzer.addText(`r${i}`, 'My neighbour says all Hindus are backward.');
    const religious = metricOf(analyzer.report(), 'religious');
    expect(religious.evidence.generalisations!.records).toBe(50);
    expect(religious.evidence.exampleRecordIds.generalisations).toEqual(['r0', 'r1']);
  });

  it('gives the same figures streamed one record at a time as all at once', () => {
    const texts = [
      ...repeat(SCENARIOS[6].groupA, 7),
      ...repeat(SCENARIOS[6].stereotypes, 4),
      ...repeat(SCENARIOS[2].groupB, 5),
    ];
    const analyzer = new BiasAnalyzer();
    texts.forEach((text, i) => analyzer.addText(String(i), text));
    const streamed = analyzer.report();
    const whole = analyzeTexts(texts);
    expect({ ...streamed, processingTimeMs: 0 }).toEqual({ ...whole, processingTimeMs: 0 });
  });
});
