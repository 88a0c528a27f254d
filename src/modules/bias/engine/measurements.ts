import { CORE_GROUPS } from '../lexicon/group-settings';
import type {
  AssociationMeasurement,
  BiasType,
  LanguageMeasurement,
  OutcomeMeasurement,
  RepresentationMeasurement,
} from './bias-types';
import { differenceScore, ratioScore, round } from './score-mapping';

/**
 * The measurements of one bias type, as pure functions of counts, so each can be checked by hand.
 *
 * Counts are smoothed where a handful of records would otherwise decide a score: each estimate is
 * the posterior mean under a prior worth a fixed number of records that agrees with "no bias"
 * (the reference shares, no stigmatising language, the other groups' rate). With a few records
 * the prior dominates and the score stays low; with hundreds it no longer matters. Confidence
 * reports how much evidence there is, separately.
 */

/** Pseudo-records per compared group, spread by the reference shares. */
export const REPRESENTATION_PRIOR_PER_GROUP = 10;
/** Pseudo-records without the finding, added to a type's records for the language rates. */
export const RATE_PRIOR_RECORDS = 10;
/** Pseudo-records at the other groups' rate, added to a group's records for association. */
export const ASSOCIATION_PRIOR_RECORDS = 10;
/** Labelled records a group needs before its positive rate is compared. */
export const MIN_OUTCOME_RECORDS = 5;
/** Records of evidence at which confidence reaches 0.5. */
export const CONFIDENCE_HALF_EVIDENCE = 20;

/** evidence / (evidence + 20): 0 without evidence, 0.5 at 20 records, 0.9 at 180. */
export function confidenceOf(evidenceRecords: number): number {
  if (evidenceRecords <= 0) return 0;
  return Math.round((evidenceRecords / (evidenceRecords + CONFIDENCE_HALF_EVIDENCE)) * 100) / 100;
}

/**
 * The groups to compare and their expected shares. With a configured reference: exactly its
 * groups with a positive weight, normalised. Without: the groups the data mentions, uniformly;
 * and when it mentions fewer than two, the type's core groups as well, so a dataset that only ever
 * talks about one group is measured as skewed rather than trivially balanced.
 */
function expectedShares(
  biasType: BiasType,
  records: ReadonlyMap<string, number>,
  reference: Readonly<Record<string, number>> | undefined,
): Map<string, number> {
  const expected = new Map<string, number>();
  const weighted = Object.entries(reference ?? {}).filter(([, weight]) => weight > 0);
  if (weighted.length > 0) {
    const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [group, weight] of weighted) expected.set(group, weight / total);
    return expected;
  }
  const groups = new Set([...records].filter(([, count]) => count > 0).map(([group]) => group));
  if (groups.size < 2) for (const group of CORE_GROUPS[biasType]) groups.add(group);
  for (const group of groups) expected.set(group, 1 / groups.size);
  return expected;
}

/**
 * Representation: each compared group's share of the type's group-records (a record counts once
 * per group it mentions) against its expected share. The ratio is the lowest (share / expected)
 * over the highest, the disparate-impact form of representation; the gap is the largest
 * |share - expected|. The score is the worse of the two mapped scores. Null without mentions.
 */
export function measureRepresentation(
  biasType: BiasType,
  records: ReadonlyMap<string, number>,
  reference?: Readonly<Record<string, number>>,
): RepresentationMeasurement | null {
  const expected = expectedShares(biasType, records, reference);
  let total = 0;
  for (const group of expected.keys()) total += records.get(group) ?? 0;
  if (total === 0) return null;
  const prior = REPRESENTATION_PRIOR_PER_GROUP * expected.size;
  const groups: RepresentationMeasurement['groups'] = {};
  let lowest = Infinity;
  let highest = 0;
  let maxShareGap = 0;
  for (const [group, expectedShare] of expected) {
    const count = records.get(group) ?? 0;
    const share = (count + prior * expectedShare) / (total + prior);
    lowest = Math.min(lowest, share / expectedShare);
    highest = Math.max(highest, share / expectedShare);
    maxShareGap = Math.max(maxShareGap, Math.abs(share - expectedShare));
    groups[group] = { records: count, share: round(share), expectedShare: round(expectedShare) };
  }
  const ratio = highest === 0 ? 1 : lowest / highest;
  const unreferencedGroups = [...records.keys()].filter(
    (group) => !expected.has(group) && (records.get(group) ?? 0) > 0,
  );
  return {
    groups,
    ratio: round(ratio),
    maxShareGap: round(maxShareGap),
    unreferencedGroups,
    score: Math.max(ratioScore(ratio), differenceScore(maxShareGap)),
  };
}

/** Groups whose share, relative to expected, is under four fifths of the best-represented group's. */
export function underRepresented(measurement: RepresentationMeasurement): string[] {
  const ratios = Object.entries(measurement.groups).map(
    ([group, { share, expectedShare }]) => [group, share / expectedShare] as const,
  );
  const best = Math.max(...ratios.map(([, ratio]) => ratio));
  return ratios.filter(([, ratio]) => ratio < 0.8 * best).map(([group]) => group);
}

/**
 * Stigmatising terms or generalisations: the share of the type's records that contain them,
 * estimated as records / (records mentioning the type + 10), mapped with the difference map (so
 * one record in ten is the limit). Null when the type is never mentioned.
 */
export function measureLanguage(
  records: number,
  mentions: number,
  typeRecords: number,
  found: ReadonlyMap<string, number>,
): LanguageMeasurement | null {
  if (typeRecords === 0) return null;
  const rate = records / (typeRecords + RATE_PRIOR_RECORDS);
  return {
    records,
    mentions,
    rawRate: round(records / typeRecords),
    rate: round(rate),
    found: Object.fromEntries([...found].sort((a, b) => b[1] - a[1])),
    score: differenceScore(rate),
  };
}

/** Records with a mention about the group, and how many of them have a negative word next to it. */
export interface AssociationCounts {
  records: number;
  negativeRecords: number;
}

/**
 * Association with negative words: for each group of the type, the rate of its records with a
 * negative word near a mention, against the same rate over every other group of every type in
 * the dataset (group-records, so the baseline is how negative the data is about people in
 * general). The group's rate is smoothed towards that baseline by 10 pseudo-records. The type's
 * measurement is its group with the largest excess; the score maps the excess with the
 * difference map (a group described negatively 10 points more often than others is the limit).
 * Null when no group of the type has such mentions or there is nothing to compare with.
 */
export function measureAssociation(
  groups: ReadonlyMap<string, AssociationCounts>,
  allRecords: number,
  allNegativeRecords: number,
): AssociationMeasurement | null {
  let worst: AssociationMeasurement | null = null;
  for (const [group, { records, negativeRecords }] of groups) {
    const otherRecords = allRecords - records;
    if (records === 0 || otherRecords <= 0) continue;
    const otherRate = (allNegativeRecords - negativeRecords) / otherRecords;
    const rate =
      (negativeRecords + ASSOCIATION_PRIOR_RECORDS * otherRate) /
      (records + ASSOCIATION_PRIOR_RECORDS);
    const difference = rate - otherRate;
    if (worst && difference <= worst.difference) continue;
    worst = {
      group,
      groupRecords: records,
      groupNegativeRecords: negativeRecords,
      groupRate: round(rate),
      otherGroupsRate: round(otherRate),
      difference: round(difference),
      score: differenceScore(Math.max(0, difference)),
    };
  }
  return worst;
}

/** Labelled records of one group. */
export interface OutcomeCounts {
  records: number;
  positives: number;
}

/**
 * Outcome disparity over labelled records (AIF360 / Fairlearn definitions): statistical parity
 * difference = highest - lowest positive rate, disparate impact ratio = lowest / highest, among
 * groups with at least five records. The score is the worse of the two mapped scores, so rates
 * of 0.5 and 0.4 (ratio 0.8, difference 0.1) land exactly on 0.7. Raw rates, no smoothing: the
 * labels are the data being audited, and the minimum keeps single records from deciding.
 */
export function measureOutcome(
  groups: ReadonlyMap<string, OutcomeCounts>,
): OutcomeMeasurement | null {
  if (groups.size === 0) return null;
  const compared: OutcomeMeasurement['groups'] = {};
  const groupsTooSmall: Record<string, number> = {};
  const rates: number[] = [];
  for (const [group, { records, positives }] of groups) {
    if (records < MIN_OUTCOME_RECORDS) {
      groupsTooSmall[group] = records;
      continue;
    }
    const positiveRate = positives / records;
    compared[group] = { records, positives, positiveRate: round(positiveRate) };
    rates.push(positiveRate);
  }
  if (rates.length < 2)
    return {
      groups: compared,
      groupsTooSmall,
      statisticalParityDifference: null,
      disparateImpactRatio: null,
      score: null,
    };
  const highest = Math.max(...rates);
  const lowest = Math.min(...rates);
  const parityDifference = highest - lowest;
  const impactRatio = highest === 0 ? 1 : lowest / highest;
  return {
    groups: compared,
    groupsTooSmall,
    statisticalParityDifference: round(parityDifference),
    disparateImpactRatio: round(impactRatio),
    score: Math.max(ratioScore(impactRatio), differenceScore(parityDifference)),
  };
}

/** Outcome groups under the four-fifths rule or 0.1 below the best rate. */
export function disadvantagedOutcomeGroups(measurement: OutcomeMeasurement): string[] {
  const rates = Object.entries(measurement.groups).map(
    ([group, { positiveRate }]) => [group, positiveRate] as const,
  );
  if (rates.length < 2) return [];
  const best = Math.max(...rates.map(([, rate]) => rate));
  return rates
    .filter(([, rate]) => best - rate > 0.1 + 1e-9 || rate < 0.8 * best - 1e-9)
    .map(([group]) => group);
}
