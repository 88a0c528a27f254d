import {
  confidenceOf,
  disadvantagedOutcomeGroups,
  measureAssociation,
  measureLanguage,
  measureOutcome,
  measureRepresentation,
  underRepresented,
} from './measurements';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('measureRepresentation', () => {
  it('is not measured when no group of the type is mentioned', () => {
    expect(measureRepresentation('gender', counts({}))).toBeNull();
  });

  it('scores balanced groups 0', () => {
    const measurement = measureRepresentation(
      'religious',
      counts({ christian: 40, muslim: 40, jewish: 40 }),
    );
    expect(measurement).toMatchObject({ ratio: 1, maxShareGap: 0, score: 0 });
  });

  it('smooths shares with ten pseudo-records per group at the reference share', () => {
    // (30 + 10) / (40 + 20) = 0.667 and (10 + 10) / 60 = 0.333: ratio 0.5, gap 0.167.
    const measurement = measureRepresentation('gender', counts({ female: 30, male: 10 }))!;
    expect(measurement.groups.female).toEqual({ records: 30, share: 0.667, expectedShare: 0.5 });
    expect(measurement.ratio).toBe(0.5);
    expect(measurement.maxShareGap).toBe(0.167);
    expect(measurement.score).toBeCloseTo(0.7 + (0.3 * 0.3) / 0.8, 3);
  });

  it('compares a type mentioned for only one group with its core groups', () => {
    const measurement = measureRepresentation('sexual_orientation', counts({ gay: 60 }))!;
    expect(Object.keys(measurement.groups).sort()).toEqual(['bi', 'gay', 'lesbian', 'straight']);
    expect(measurement.score).toBeGreaterThan(0.85);
    expect(underRepresented(measurement).sort()).toEqual(['bi', 'lesbian', 'straight']);
  });

  it('uses a configured reference and reports the groups outside it', () => {
    const reference = { female: 0.7, male: 0.3 };
    const matching = measureRepresentation(
      'gender',
      counts({ female: 140, male: 60, transgender: 4 }),
      reference,
    )!;
    expect(matching.score).toBe(0);
    expect(matching.unreferencedGroups).toEqual(['transgender']);
    const even = measureRepresentation('gender', counts({ female: 100, male: 100 }), reference)!;
    expect(even.score).toBeGreaterThan(0.7);
  });
});

describe('measureLanguage', () => {
  it('estimates the rate with ten pseudo-records and maps it with the difference map', () => {
    const measurement = measureLanguage(
      4,
      5,
      30,
      counts({ 'wheelchair bound': 3, handicapped: 2 }),
    )!;
    expect(measurement.rawRate).toBe(0.133);
    expect(measurement.rate).toBe(0.1);
    expect(measurement.score).toBe(0.7);
    expect(Object.keys(measurement.found)).toEqual(['wheelchair bound', 'handicapped']);
  });

  it('keeps a single finding in a tiny dataset under the threshold', () => {
    expect(measureLanguage(1, 1, 1, counts({}))!.score).toBeLessThan(0.7);
  });

  it('is not measured when the type is never mentioned', () => {
    expect(measureLanguage(0, 0, 0, counts({}))).toBeNull();
  });
});

describe('measureAssociation', () => {
  it('picks the group most often next to negative words, against all other groups', () => {
    const groups = new Map([
      ['muslim', { records: 40, negativeRecords: 20 }],
      ['christian', { records: 40, negativeRecords: 2 }],
    ]);
    // All groups of every type: 200 records, 30 negative. Others of muslim: 160 and 10.
    const measurement = measureAssociation(groups, 200, 30)!;
    expect(measurement.group).toBe('muslim');
    expect(measurement.otherGroupsRate).toBe(0.063);
    expect(measurement.groupRate).toBeCloseTo((20 + 10 * (10 / 160)) / 50, 2);
    expect(measurement.score).toBeGreaterThan(0.85);
  });

  it('scores 0 when the type is described no more negatively than other groups', () => {
    const groups = new Map([['male', { records: 50, negativeRecords: 1 }]]);
    expect(measureAssociation(groups, 150, 15)!.score).toBe(0);
  });

  it('is not measured without other groups to compare with', () => {
    expect(
      measureAssociation(new Map([['old', { records: 12, negativeRecords: 12 }]]), 12, 12),
    ).toBeNull();
  });
});

describe('measureOutcome', () => {
  it('puts positive rates of 0.5 and 0.4 on the four-fifths limit', () => {
    const measurement = measureOutcome(
      new Map([
        ['female', { records: 100, positives: 50 }],
        ['male', { records: 100, positives: 40 }],
      ]),
    )!;
    expect(measurement.disparateImpactRatio).toBe(0.8);
    expect(measurement.statisticalParityDifference).toBe(0.1);
    expect(measurement.score).toBeCloseTo(0.7, 2);
    expect(disadvantagedOutcomeGroups(measurement)).toEqual([]);
  });

  it('names the group below the limits', () => {
    const measurement = measureOutcome(
      new Map([
        ['a', { records: 50, positives: 40 }],
        ['b', { records: 50, positives: 15 }],
        ['c', { records: 50, positives: 38 }],
      ]),
    )!;
    expect(measurement.disparateImpactRatio).toBe(0.375);
    expect(disadvantagedOutcomeGroups(measurement)).toEqual(['b']);
  });

  it('leaves out groups with fewer than five records and needs two to compare', () => {
    const measurement = measureOutcome(
      new Map([
        ['a', { records: 20, positives: 10 }],
        ['b', { records: 3, positives: 0 }],
      ]),
    )!;
    expect(measurement.groupsTooSmall).toEqual({ b: 3 });
    expect(measurement.score).toBeNull();
    expect(measureOutcome(new Map())).toBeNull();
  });

  it('reads equal zero rates as parity', () => {
    const measurement = measureOutcome(
      new Map([
        ['a', { records: 10, positives: 0 }],
        ['b', { records: 10, positives: 0 }],
      ]),
    )!;
    expect(measurement).toMatchObject({
      disparateImpactRatio: 1,
      statisticalParityDifference: 0,
      score: 0,
    });
  });
});

describe('confidenceOf', () => {
  it('is 0 without evidence, 0.5 at 20 records and approaches 1', () => {
    expect(confidenceOf(0)).toBe(0);
    expect(confidenceOf(2)).toBe(0.09);
    expect(confidenceOf(20)).toBe(0.5);
    expect(confidenceOf(180)).toBe(0.9);
  });
});
