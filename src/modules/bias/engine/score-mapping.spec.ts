import fc from 'fast-check';
import { combineScores, differenceScore, ratioScore, severityOf } from './score-mapping';

describe('ratioScore', () => {
  it('puts parity at 0, the four-fifths rule at 0.7 and a zero ratio at 1', () => {
    expect(ratioScore(1)).toBe(0);
    expect(ratioScore(0.8)).toBeCloseTo(0.7, 3);
    expect(ratioScore(0.9)).toBeCloseTo(0.35, 3);
    expect(ratioScore(0.4)).toBeCloseTo(0.85, 3);
    expect(ratioScore(0)).toBe(1);
  });

  it('clamps ratios outside 0..1', () => {
    expect(ratioScore(1.5)).toBe(0);
    expect(ratioScore(-0.2)).toBe(1);
  });

  it('never rises when the ratio moves towards parity', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(ratioScore(low)).toBeGreaterThanOrEqual(ratioScore(high));
        },
      ),
    );
  });
});

describe('differenceScore', () => {
  it('puts no difference at 0, the 0.1 limit at 0.7 and 0.5 or more at 1', () => {
    expect(differenceScore(0)).toBe(0);
    expect(differenceScore(0.05)).toBeCloseTo(0.35, 3);
    expect(differenceScore(0.1)).toBe(0.7);
    expect(differenceScore(0.3)).toBeCloseTo(0.85, 3);
    expect(differenceScore(0.5)).toBe(1);
    expect(differenceScore(0.9)).toBe(1);
  });

  it('reads a difference the same in either direction', () => {
    expect(differenceScore(-0.2)).toBe(differenceScore(0.2));
  });

  it('lands a rate gap of 0.5 - 0.4 on the threshold despite floating point', () => {
    expect(differenceScore(0.5 - 0.4)).toBe(0.7);
    expect(differenceScore(7 * 0.1 - 0.6)).toBe(0.7);
  });

  it('never falls when the difference grows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(differenceScore(high)).toBeGreaterThanOrEqual(differenceScore(low));
        },
      ),
    );
  });
});

describe('severityOf', () => {
  it('labels scores by the documented cut points, high only above the default threshold', () => {
    expect(severityOf(0)).toBe('low');
    expect(severityOf(0.399)).toBe('low');
    expect(severityOf(0.4)).toBe('medium');
    expect(severityOf(0.7)).toBe('medium');
    expect(severityOf(0.701)).toBe('high');
    expect(severityOf(0.85)).toBe('high');
    expect(severityOf(0.851)).toBe('critical');
    expect(severityOf(1)).toBe('critical');
  });
});

describe('combineScores', () => {
  it('takes the worst measurement and ignores the ones not measured', () => {
    expect(combineScores([0.2, null, 0.75, undefined, 0.1])).toBe(0.75);
  });

  it('gives 0 when nothing was measured', () => {
    expect(combineScores([null, undefined])).toBe(0);
    expect(combineScores([])).toBe(0);
  });
});
