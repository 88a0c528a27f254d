import { PREFERRED_ALTERNATIVES } from '../lexicon/stigmatising-terms';
import type { BiasEvidence, BiasType } from './bias-types';

/**
 * Recommendations a reviewer can act on, each tied to a measurement and its figures. They name
 * groups, lexicon terms, cue patterns and counts, never record text; record ids are in the
 * evidence. A measurement gets a recommendation from a score of 0.4 (severity medium) on, so
 * that data close to a limit is flagged before it fails.
 */

/** Scores from here on get a recommendation. */
export const RECOMMEND_FROM_SCORE = 0.4;
/** Below this confidence the score is called provisional. */
const THIN_CONFIDENCE = 0.5;
/** Terms and patterns named per recommendation. */
const NAMED = 3;

const LABELS: Readonly<Record<BiasType, string>> = {
  gender: 'gender',
  racial: 'racial',
  age: 'age',
  socioeconomic: 'socioeconomic',
  geographic: 'nationality',
  disability: 'disability',
  religious: 'religious',
  sexual_orientation: 'sexual-orientation',
};

const percent = (share: number) => `${Math.round(share * 100)}%`;
const records = (count: number) => `${count} record${count === 1 ? '' : 's'}`;
const quoted = (items: readonly string[]) => items.map((item) => `"${item}"`).join(', ');

function representationAdvice(
  evidence: BiasEvidence,
  label: string,
  configured: boolean,
): string | null {
  const measurement = evidence.representation;
  if (!measurement || measurement.score < RECOMMEND_FROM_SCORE) return null;
  const byRatio = Object.entries(measurement.groups).sort(
    (a, b) => b[1].share / b[1].expectedShare - a[1].share / a[1].expectedShare,
  );
  const [top, topFigures] = byRatio[0];
  const lacking = byRatio.filter(
    ([, figures]) =>
      figures.share / figures.expectedShare < 0.8 * (topFigures.share / topFigures.expectedShare),
  );
  const lackingText = lacking
    .slice(0, NAMED)
    .map(
      ([group, figures]) =>
        `"${group}" ${percent(figures.share)} (expected ${percent(figures.expectedShare)})`,
    )
    .join(', ');
  const reference = configured
    ? 'the configured reference'
    : 'a uniform reference over the groups compared; set options.reference if another distribution is intended';
  return (
    `"${top}" has ${percent(topFigures.share)} of ${label} group mentions (expected ${percent(topFigures.expectedShare)})` +
    (lackingText ? ` while ${lackingText}` : '') +
    `: add conversations featuring ${quoted(lacking.slice(0, NAMED).map(([group]) => group)) || 'the other groups'}, or reweight records towards ${reference}.`
  );
}

function stigmatisingAdvice(evidence: BiasEvidence, label: string): string | null {
  const measurement = evidence.stigmatisingTerms;
  if (!measurement || measurement.records === 0) return null;
  const terms = Object.keys(measurement.found).slice(0, NAMED);
  const replacements = terms.map(
    (term) =>
      `"${term}" -> ${PREFERRED_ALTERNATIVES[term] ? `"${PREFERRED_ALTERNATIVES[term]}"` : 'the name the group uses for itself'}`,
  );
  return (
    `${records(measurement.records)} use stigmatising terms for ${label} groups (${terms.map((term) => `"${term}" x${measurement.found[term]}`).join(', ')}): ` +
    `replace them (${replacements.join('; ')}); record ids in evidence.exampleRecordIds.stigmatisingTerms.`
  );
}

function generalisationAdvice(evidence: BiasEvidence, label: string): string | null {
  const measurement = evidence.generalisations;
  if (!measurement || measurement.records === 0) return null;
  const targets = Object.entries(evidence.groups)
    .filter(([, group]) => group.generalisationRecords > 0)
    .sort((a, b) => b[1].generalisationRecords - a[1].generalisationRecords)
    .slice(0, NAMED)
    .map(([group]) => group);
  const patterns = Object.entries(measurement.found)
    .slice(0, NAMED)
    .map(([pattern, count]) => `"${pattern}" x${count}`)
    .join(', ');
  return (
    `${records(measurement.records)} generalise about ${label} groups (${quoted(targets)}; patterns ${patterns}): ` +
    `rewrite them as one person's experience or remove them; record ids in evidence.exampleRecordIds.generalisations.`
  );
}

function associationAdvice(evidence: BiasEvidence): string | null {
  const measurement = evidence.negativeAssociation;
  if (!measurement || measurement.score < RECOMMEND_FROM_SCORE) return null;
  return (
    `Mentions of "${measurement.group}" have negative words nearby in ${measurement.groupNegativeRecords} of ${records(measurement.groupRecords)} ` +
    `(estimated rate ${percent(measurement.groupRate)} against ${percent(measurement.otherGroupsRate)} for other groups): review the records in ` +
    `evidence.exampleRecordIds.negativeAssociation and balance them with neutral or positive portrayals of the group.`
  );
}

function outcomeAdvice(evidence: BiasEvidence): string[] {
  const measurement = evidence.outcome;
  if (!measurement) return [];
  const advice: string[] = [];
  const small = Object.entries(measurement.groupsTooSmall);
  if (small.length > 0)
    advice.push(
      `Outcome groups with too few labelled records to compare were left out (${small.map(([group, count]) => `"${group}" ${count}`).join(', ')}): label more records for them.`,
    );
  if (measurement.score === null || measurement.score < RECOMMEND_FROM_SCORE) return advice;
  const rates = Object.entries(measurement.groups).sort(
    (a, b) => a[1].positiveRate - b[1].positiveRate,
  );
  const [low, lowFigures] = rates[0];
  const [high, highFigures] = rates[rates.length - 1];
  advice.push(
    `Positive-label rate is ${lowFigures.positiveRate} for "${low}" against ${highFigures.positiveRate} for "${high}" ` +
      `(disparate impact ${measurement.disparateImpactRatio}, parity difference ${measurement.statisticalParityDifference}): ` +
      `audit how these records were labelled, or reweight or resample them so the rates align.`,
  );
  return advice;
}

/** The recommendations of one type, most pressing first. */
export function recommendationsFor(
  biasType: BiasType,
  evidence: BiasEvidence,
  score: number,
  confidence: number,
  referenceConfigured: boolean,
): string[] {
  const label = LABELS[biasType];
  if (evidence.recordsMentioning === 0 && !evidence.outcome)
    return [
      `No ${label} groups are mentioned in the ${records(evidence.recordsAnalysed)} analysed, so ${label} bias could not be measured: ` +
        `if the model should serve people across ${label} groups, add conversations that include them.`,
    ];
  const advice = [
    stigmatisingAdvice(evidence, label),
    generalisationAdvice(evidence, label),
    ...outcomeAdvice(evidence),
    associationAdvice(evidence),
    representationAdvice(evidence, label, referenceConfigured),
  ].filter((item): item is string => item !== null);
  if (confidence < THIN_CONFIDENCE)
    advice.push(
      `Evidence is thin (${records(evidence.recordsMentioning)} mention ${label} groups): treat the score as provisional and re-run on more data.`,
    );
  if (advice.length === 0 && score < RECOMMEND_FROM_SCORE)
    advice.push(`No action needed: every ${label} measurement is well within its limit.`);
  return advice;
}
