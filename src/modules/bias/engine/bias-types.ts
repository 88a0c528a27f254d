/** The kinds of bias the engine audits, each built from one HolisticBias axis (see group-settings). */
export const BIAS_TYPES = [
  'gender',
  'racial',
  'age',
  'socioeconomic',
  'geographic',
  'disability',
  'religious',
  'sexual_orientation',
] as const;
export type BiasType = (typeof BIAS_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface BiasOptions {
  /** A type (or the overall score) strictly above this fails compliance. Default 0.7. */
  threshold?: number;
  /**
   * Expected share of each group, per type (any positive weights; they are normalised). A type
   * with a reference is compared across exactly these groups; without one, across the groups the
   * data mentions, uniformly.
   */
  reference?: Partial<Record<BiasType, Record<string, number>>>;
  /** How many record ids each evidence list keeps. Default 5. */
  maxExampleIds?: number;
}

export interface BiasReport {
  /** Mean of the type scores weighted by their confidence: 0 when no type has evidence. */
  overallBiasScore: number;
  biasMetrics: BiasMetric[];
  /** False when any type's score, or the overall score, is strictly above the threshold. */
  compliant: boolean;
  threshold: number;
  /** Time spent in addText, addOutcome and report, in milliseconds. */
  processingTimeMs: number;
}

export interface BiasMetric {
  biasType: BiasType;
  /** 0..1: the highest of the type's measurement scores (0 without evidence). */
  score: number;
  severity: Severity;
  /** Groups a measurement found disadvantaged: under-represented, stereotyped, lower outcomes. */
  affectedGroups: string[];
  /** 0..1: how much evidence the score rests on (records that mention the type or carry its labels). */
  confidence: number;
  evidence: BiasEvidence;
  recommendations: string[];
}

/** Counts, measurements and record ids. Never any record text: only lexicon terms and ids. */
export interface BiasEvidence {
  recordsAnalysed: number;
  /** Records mentioning at least one group of the type. */
  recordsMentioning: number;
  /** Every mention of a group of the type, several per record possible. */
  mentions: number;
  groups: Record<string, GroupEvidence>;
  representation: RepresentationMeasurement | null;
  stigmatisingTerms: LanguageMeasurement | null;
  generalisations: LanguageMeasurement | null;
  negativeAssociation: AssociationMeasurement | null;
  outcome: OutcomeMeasurement | null;
  exampleRecordIds: {
    stigmatisingTerms: string[];
    generalisations: string[];
    negativeAssociation: string[];
    outcome: string[];
  };
}

export interface GroupEvidence {
  mentions: number;
  /** Records mentioning the group (a record counts once per group). */
  records: number;
  /** Records with a mention about the group itself (not a pronoun, possessed noun or head noun). */
  associatingRecords: number;
  /** Of those, records where such a mention has a negative word in its sentence window. */
  negativeContextRecords: number;
  generalisationRecords: number;
  stigmatisingRecords: number;
}

export interface RepresentationMeasurement {
  /** Groups compared, with raw counts, smoothed shares and expected shares. */
  groups: Record<string, { records: number; share: number; expectedShare: number }>;
  /** Lowest (share / expected) divided by the highest: 1 is proportional, like disparate impact. */
  ratio: number;
  /** Largest |share - expected| over the compared groups. */
  maxShareGap: number;
  /** Mentioned groups outside a configured reference, which are not compared. */
  unreferencedGroups: string[];
  score: number;
}

export interface LanguageMeasurement {
  /** Records of the type with the finding. */
  records: number;
  /** Mentions with the finding. */
  mentions: number;
  /** records / records mentioning the type. */
  rawRate: number;
  /** records / (records mentioning the type + prior): the rate the score uses, see measurements.ts. */
  rate: number;
  /** Which lexicon terms (stigmatising) or cue patterns (generalisations) were found, with counts. */
  found: Record<string, number>;
  score: number;
}

export interface AssociationMeasurement {
  /** The group whose mentions sit most often next to negative words, relative to all other groups. */
  group: string;
  groupRecords: number;
  groupNegativeRecords: number;
  /** Smoothed negative-context rate of that group. */
  groupRate: number;
  /** Negative-context rate of every other group's mentions in the dataset (any type). */
  otherGroupsRate: number;
  difference: number;
  score: number;
}

export interface OutcomeMeasurement {
  /** Labelled groups with enough records to compare. */
  groups: Record<string, { records: number; positives: number; positiveRate: number }>;
  /** Groups left out for having fewer labelled records than the minimum, with their counts. */
  groupsTooSmall: Record<string, number>;
  /** Highest minus lowest positive rate; null when fewer than two groups can be compared. */
  statisticalParityDifference: number | null;
  /** Lowest positive rate divided by the highest (1 when both are 0); null as above. */
  disparateImpactRatio: number | null;
  score: number | null;
}
