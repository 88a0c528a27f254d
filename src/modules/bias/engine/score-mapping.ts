import type { Severity } from './bias-types';

/**
 * Score mappings. Every measurement becomes a score in 0..1 through one of two piecewise-linear
 * maps that put the default threshold 0.7 exactly on the recognised fairness limits:
 *
 * - a ratio r (disparate impact: lowest rate / highest rate, 1 = parity) maps 1 -> 0 and the
 *   four-fifths rule's 0.8 -> 0.7, then on to 0 -> 1;
 * - an absolute difference d (statistical parity difference, share gaps, rates of stigmatising
 *   language) maps 0 -> 0 and the usual 0.1 limit -> 0.7, then on to 0.5 and above -> 1.
 *
 * Both are monotonic, so more skew never scores lower, and both are steep below the limit (a
 * measurement halfway to its limit already scores 0.35) so that a passing score still shows how
 * close the data is to failing.
 */

/** Score at the recognised limit: the default compliance threshold. */
export const LIMIT_SCORE = 0.7;
/** The four-fifths rule. */
export const RATIO_LIMIT = 0.8;
/** The usual limit for statistical parity difference. */
export const DIFFERENCE_LIMIT = 0.1;
/** Differences from here on score 1. */
export const DIFFERENCE_SATURATION = 0.5;

/** Three decimals, like the other engines' scores; also absorbs floating-point dust (7 * 0.1). */
export const round = (value: number) => Math.round(value * 1000) / 1000;

/** r in [0.8, 1] -> 0.7 * (1 - r) / 0.2; r < 0.8 -> 0.7 + 0.3 * (0.8 - r) / 0.8. Clamped to 0..1. */
export function ratioScore(ratio: number): number {
  const r = Math.min(1, Math.max(0, ratio));
  if (r >= RATIO_LIMIT) return round((LIMIT_SCORE * (1 - r)) / (1 - RATIO_LIMIT));
  return round(LIMIT_SCORE + ((1 - LIMIT_SCORE) * (RATIO_LIMIT - r)) / RATIO_LIMIT);
}

/** d in [0, 0.1] -> 7d; d > 0.1 -> 0.7 + 0.3 * min(1, (d - 0.1) / 0.4). Uses |d|. */
export function differenceScore(difference: number): number {
  const d = Math.abs(difference);
  if (d <= DIFFERENCE_LIMIT) return round((LIMIT_SCORE * d) / DIFFERENCE_LIMIT);
  const beyond = (d - DIFFERENCE_LIMIT) / (DIFFERENCE_SATURATION - DIFFERENCE_LIMIT);
  return round(LIMIT_SCORE + (1 - LIMIT_SCORE) * Math.min(1, beyond));
}

/**
 * Severity cut points, fixed and consistent with the default threshold: below 0.4 low; up to and
 * including 0.7 medium (still compliant); up to 0.85 high; above that critical. So "high" and
 * "critical" are exactly the scores that fail the default threshold. A custom threshold moves
 * compliance, not these labels.
 */
export function severityOf(score: number): Severity {
  if (score < 0.4) return 'low';
  if (score <= LIMIT_SCORE) return 'medium';
  if (score <= 0.85) return 'high';
  return 'critical';
}

/**
 * A type's score is the highest of its measurement scores: each measurement has its own
 * recognised limit, and failing any one of them is a finding on its own that an average would
 * hide (a perfectly balanced dataset full of slurs is not half-biased). No measurement: 0.
 */
export function combineScores(scores: ReadonlyArray<number | null | undefined>): number {
  let highest = 0;
  for (const score of scores) if (score != null && score > highest) highest = score;
  return highest;
}
