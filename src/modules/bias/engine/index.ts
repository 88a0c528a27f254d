/**
 * Bias analysis engine: plain TypeScript, no Nest. Lexicons come from HolisticBias v1.1 (CC BY-SA
 * 4.0, data files in ../lexicon/holistic-bias, loaded unchanged) and the team's own lists in
 * ../lexicon.
 */
export {
  BIAS_TYPES,
  SEVERITIES,
  type AssociationMeasurement,
  type BiasEvidence,
  type BiasMetric,
  type BiasOptions,
  type BiasReport,
  type BiasType,
  type GroupEvidence,
  type LanguageMeasurement,
  type OutcomeMeasurement,
  type RepresentationMeasurement,
  type Severity,
} from './bias-types';
export {
  BiasAnalyzer,
  analyzeTexts,
  DEFAULT_MAX_EXAMPLE_IDS,
  DEFAULT_THRESHOLD,
} from './bias-analyzer';
export {
  combineScores,
  differenceScore,
  DIFFERENCE_LIMIT,
  LIMIT_SCORE,
  RATIO_LIMIT,
  ratioScore,
  severityOf,
} from './score-mapping';
export { scanText, type Mention, type TextScan } from './mention-scanner';
