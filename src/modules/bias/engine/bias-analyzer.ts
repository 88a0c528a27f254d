import { UMBRELLA_GROUPS } from '../lexicon/group-settings';
import {
  BIAS_TYPES,
  type BiasEvidence,
  type BiasMetric,
  type BiasOptions,
  type BiasReport,
  type BiasType,
  type GroupEvidence,
} from './bias-types';
import { defaultLexicon, type Lexicon } from './lexicon';
import {
  type AssociationCounts,
  confidenceOf,
  disadvantagedOutcomeGroups,
  measureAssociation,
  measureLanguage,
  measureOutcome,
  measureRepresentation,
  type OutcomeCounts,
  underRepresented,
} from './measurements';
import { type Mention, scanText } from './mention-scanner';
import { recommendationsFor } from './recommendations';
import { combineScores, DIFFERENCE_LIMIT, LIMIT_SCORE, round, severityOf } from './score-mapping';

export const DEFAULT_THRESHOLD = LIMIT_SCORE;
export const DEFAULT_MAX_EXAMPLE_IDS = 5;

/** What one record says about one group, before it is added to the counters. */
interface RecordGroupFlags {
  associates: boolean;
  negative: boolean;
  generalised: boolean;
  stigmatising: boolean;
}

/** Findings of one kind (stigmatising terms or generalisations) across the records of a type. */
class FindingTally {
  records = 0;
  mentions = 0;
  readonly found = new Map<string, number>();

  count(key: string) {
    this.mentions++;
    this.found.set(key, (this.found.get(key) ?? 0) + 1);
  }
}

/** A capped list of record ids: memory stays bounded however long the stream. */
class ExampleIds {
  readonly ids: string[] = [];
  constructor(private readonly cap: number) {}
  add(id: string) {
    if (this.ids.length < this.cap && this.ids[this.ids.length - 1] !== id) this.ids.push(id);
  }
}

/** Everything kept about one bias type: counters per group and capped example ids. */
class TypeTally {
  readonly groups = new Map<string, GroupEvidence>();
  readonly outcomes = new Map<string, OutcomeCounts & { negativeIds: ExampleIds }>();
  recordsMentioning = 0;
  mentions = 0;
  outcomeRecords = 0;
  readonly stigmatising = new FindingTally();
  readonly generalisations = new FindingTally();
  readonly examples: Record<
    'stigmatisingTerms' | 'generalisations' | 'negativeAssociation',
    ExampleIds
  >;

  constructor(readonly cap: number) {
    this.examples = {
      stigmatisingTerms: new ExampleIds(cap),
      generalisations: new ExampleIds(cap),
      negativeAssociation: new ExampleIds(cap),
    };
  }

  group(group: string): GroupEvidence {
    let counters = this.groups.get(group);
    if (!counters) {
      counters = {
        mentions: 0,
        records: 0,
        associatingRecords: 0,
        negativeContextRecords: 0,
        generalisationRecords: 0,
        stigmatisingRecords: 0,
      };
      this.groups.set(group, counters);
    }
    return counters;
  }
}

/**
 * Streams records through the bias measurements: `addText` scans one text and adds its counts,
 * `addOutcome` adds one labelled record, `report` computes the measurements from the counters.
 * Memory is bounded by the number of groups, lexicon terms and the capped example ids, never by
 * the number of records, so the pipeline can run it over a whole dataset. Records are counted
 * once per group they mention, so one long text cannot outweigh many short ones.
 */
export class BiasAnalyzer {
  private readonly threshold: number;
  private readonly reference: BiasOptions['reference'];
  private readonly lexicon: Lexicon;
  private readonly tallies: Record<BiasType, TypeTally>;
  private recordsAnalysed = 0;
  private elapsedMs = 0;

  constructor(options: BiasOptions = {}) {
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.reference = options.reference;
    const cap = Math.max(0, Math.floor(options.maxExampleIds ?? DEFAULT_MAX_EXAMPLE_IDS));
    this.lexicon = defaultLexicon();
    this.tallies = Object.fromEntries(
      BIAS_TYPES.map((biasType) => [biasType, new TypeTally(cap)]),
    ) as Record<BiasType, TypeTally>;
  }

  addText(id: string, text: string): void {
    const started = performance.now();
    this.recordsAnalysed++;
    const { mentions } = scanText(text, this.lexicon);
    if (mentions.length > 0) this.countRecord(id, mentions);
    this.elapsedMs += performance.now() - started;
  }

  /** A labelled record: its group for one bias type and whether its outcome is the positive one. */
  addOutcome(id: string, biasType: BiasType, group: string, positive: boolean): void {
    const started = performance.now();
    const tally = this.tallies[biasType];
    let counts = tally.outcomes.get(group);
    if (!counts) {
      counts = { records: 0, positives: 0, negativeIds: new ExampleIds(tally.cap) };
      tally.outcomes.set(group, counts);
    }
    counts.records++;
    tally.outcomeRecords++;
    if (positive) counts.positives++;
    else counts.negativeIds.add(id);
    this.elapsedMs += performance.now() - started;
  }

  /** Adds one record's mentions: each group once per record, each finding once per record and type. */
  private countRecord(id: string, mentions: readonly Mention[]) {
    const flags = new Map<BiasType, Map<string, RecordGroupFlags>>();
    for (const mention of mentions) {
      const tally = this.tallies[mention.biasType];
      tally.mentions++;
      tally.group(mention.group).mentions++;
      if (mention.stigmatising) tally.stigmatising.count(mention.term);
      if (mention.generalisation) tally.generalisations.count(mention.generalisation);
      let groups = flags.get(mention.biasType);
      if (!groups) flags.set(mention.biasType, (groups = new Map()));
      const seen = groups.get(mention.group) ?? {
        associates: false,
        negative: false,
        generalised: false,
        stigmatising: false,
      };
      seen.associates ||= mention.associates;
      seen.negative ||= mention.negativeContext;
      seen.generalised ||= mention.generalisation !== null;
      seen.stigmatising ||= mention.stigmatising;
      groups.set(mention.group, seen);
    }
    for (const [biasType, groups] of flags)
      this.countTypeRecord(id, this.tallies[biasType], groups);
  }

  private countTypeRecord(
    id: string,
    tally: TypeTally,
    groups: ReadonlyMap<string, RecordGroupFlags>,
  ) {
    tally.recordsMentioning++;
    let stigmatising = false;
    let generalised = false;
    let negative = false;
    for (const [group, seen] of groups) {
      const counters = tally.group(group);
      counters.records++;
      if (seen.associates) counters.associatingRecords++;
      if (seen.negative) counters.negativeContextRecords++;
      if (seen.generalised) counters.generalisationRecords++;
      if (seen.stigmatising) counters.stigmatisingRecords++;
      stigmatising ||= seen.stigmatising;
      generalised ||= seen.generalised;
      negative ||= seen.negative;
    }
    if (stigmatising) {
      tally.stigmatising.records++;
      tally.examples.stigmatisingTerms.add(id);
    }
    if (generalised) {
      tally.generalisations.records++;
      tally.examples.generalisations.add(id);
    }
    if (negative) tally.examples.negativeAssociation.add(id);
  }

  report(): BiasReport {
    const started = performance.now();
    let allRecords = 0;
    let allNegative = 0;
    for (const biasType of BIAS_TYPES)
      for (const counters of this.tallies[biasType].groups.values()) {
        allRecords += counters.associatingRecords;
        allNegative += counters.negativeContextRecords;
      }
    const biasMetrics = BIAS_TYPES.map((biasType) =>
      this.metricOf(biasType, allRecords, allNegative),
    );
    let weighted = 0;
    let weights = 0;
    for (const metric of biasMetrics) {
      weighted += metric.score * metric.confidence;
      weights += metric.confidence;
    }
    const overallBiasScore = weights === 0 ? 0 : round(weighted / weights);
    const compliant =
      overallBiasScore <= this.threshold &&
      biasMetrics.every((metric) => metric.score <= this.threshold);
    this.elapsedMs += performance.now() - started;
    return {
      overallBiasScore,
      biasMetrics,
      compliant,
      threshold: this.threshold,
      processingTimeMs: Math.round(this.elapsedMs * 10) / 10,
    };
  }

  /** One type's measurements, score, confidence, affected groups and recommendations. */
  private metricOf(biasType: BiasType, allRecords: number, allNegative: number): BiasMetric {
    const tally = this.tallies[biasType];
    const umbrella = new Set(UMBRELLA_GROUPS[biasType]);
    const representationRecords = new Map<string, number>();
    const association = new Map<string, AssociationCounts>();
    for (const [group, counters] of tally.groups) {
      if (!umbrella.has(group)) representationRecords.set(group, counters.records);
      association.set(group, {
        records: counters.associatingRecords,
        negativeRecords: counters.negativeContextRecords,
      });
    }
    const reference = this.reference?.[biasType];
    const evidence: BiasEvidence = {
      recordsAnalysed: this.recordsAnalysed,
      recordsMentioning: tally.recordsMentioning,
      mentions: tally.mentions,
      groups: Object.fromEntries([...tally.groups].sort((a, b) => b[1].records - a[1].records)),
      representation: measureRepresentation(biasType, representationRecords, reference),
      stigmatisingTerms: measureLanguage(
        tally.stigmatising.records,
        tally.stigmatising.mentions,
        tally.recordsMentioning,
        tally.stigmatising.found,
      ),
      generalisations: measureLanguage(
        tally.generalisations.records,
        tally.generalisations.mentions,
        tally.recordsMentioning,
        tally.generalisations.found,
      ),
      negativeAssociation: measureAssociation(association, allRecords, allNegative),
      outcome: measureOutcome(tally.outcomes),
      exampleRecordIds: {
        stigmatisingTerms: tally.examples.stigmatisingTerms.ids,
        generalisations: tally.examples.generalisations.ids,
        negativeAssociation: tally.examples.negativeAssociation.ids,
        outcome: [],
      },
    };
    const score = combineScores([
      evidence.representation?.score,
      evidence.stigmatisingTerms?.score,
      evidence.generalisations?.score,
      evidence.negativeAssociation?.score,
      evidence.outcome?.score,
    ]);
    const confidence = confidenceOf(tally.recordsMentioning + tally.outcomeRecords);
    const affectedGroups = this.affectedGroups(tally, evidence);
    evidence.exampleRecordIds.outcome = affectedGroups
      .flatMap((group) => tally.outcomes.get(group)?.negativeIds.ids ?? [])
      .slice(0, tally.cap);
    return {
      biasType,
      score,
      severity: severityOf(score),
      affectedGroups,
      confidence,
      evidence,
      recommendations: recommendationsFor(
        biasType,
        evidence,
        score,
        confidence,
        reference !== undefined,
      ),
    };
  }

  /**
   * Groups a measurement finds disadvantaged, each by its own limit: under four fifths of the
   * best-represented group's share (when representation scores above low), the target of any
   * stigmatising term or generalisation, negative words nearby at least 0.1 more often than for
   * other groups, or an outcome rate under four fifths of, or 0.1 below, the best group's.
   */
  private affectedGroups(tally: TypeTally, evidence: BiasEvidence): string[] {
    const affected = new Set<string>();
    if (evidence.representation && evidence.representation.score >= 0.4)
      for (const group of underRepresented(evidence.representation)) affected.add(group);
    for (const [group, counters] of tally.groups)
      if (counters.stigmatisingRecords > 0 || counters.generalisationRecords > 0)
        affected.add(group);
    const association = evidence.negativeAssociation;
    if (association && association.difference >= DIFFERENCE_LIMIT) affected.add(association.group);
    if (evidence.outcome)
      for (const group of disadvantagedOutcomeGroups(evidence.outcome)) affected.add(group);
    return [...affected].sort();
  }
}

/** Analyses a whole list of texts at once; record ids are the indexes as strings. */
export function analyzeTexts(texts: readonly string[], options?: BiasOptions): BiasReport {
  const analyzer = new BiasAnalyzer(options);
  texts.forEach((text, index) => analyzer.addText(String(index), text));
  return analyzer.report();
}
