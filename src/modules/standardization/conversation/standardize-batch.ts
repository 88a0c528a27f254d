import type { SourceRecord } from './canonical';
import type { SourceTemplate } from './source-templates';
import {
  type Converted,
  type Failed,
  type ReadTemplate,
  type StandardizeOptions,
  Standardizer,
} from './standardizer';
import { type TargetFormat, toTarget } from './targets';

export interface BatchResult {
  records: Record<string, unknown>[];
  errors: { index: number; code: string; message: string; field?: string }[];
  warnings: { index: number; code: 'moved-to-metadata'; fields: string[] }[];
  stats: {
    detectedTemplate: ReadTemplate | 'unknown';
    confidence: number;
    evidence: string | null;
    templates: Partial<Record<ReadTemplate, number>>;
    converted: number;
    failed: number;
    repaired: number;
  };
}

/**
 * Standardizes records held in memory (the synchronous endpoint): converted records in input
 * order, per-record errors, and what the dataset as a whole looks like.
 */
export function standardizeBatch(
  records: readonly unknown[],
  options: StandardizeOptions & { targetFormat?: TargetFormat },
): BatchResult {
  const standardizer = new Standardizer(options);
  const mapping = options.columnMapping;
  const perTurn = Boolean(mapping?.role && mapping.content && mapping.conversationId);
  const results: (Converted | Failed)[] = perTurn
    ? standardizer.convertTurnRows(records)
    : records.map((record, index) => standardizer.convert(record, index));
  const result: BatchResult = {
    records: [],
    errors: [],
    warnings: [],
    stats: {
      detectedTemplate: 'unknown',
      confidence: 0,
      evidence: null,
      templates: {},
      converted: 0,
      failed: 0,
      repaired: 0,
    },
  };
  const confidence: Partial<Record<ReadTemplate, number>> = {};
  for (const outcome of results) {
    if (!('conversation' in outcome)) {
      const { index, code, message, field } = outcome;
      result.errors.push({ index, code, message, ...(field && { field }) });
      result.stats.failed++;
      continue;
    }
    const target = toTarget(outcome.conversation, options.targetFormat ?? 'canonical');
    result.records.push(target.record);
    if (target.movedToMetadata.length > 0) {
      result.warnings.push({
        index: outcome.index,
        code: 'moved-to-metadata',
        fields: target.movedToMetadata,
      });
    }
    result.stats.converted++;
    if (outcome.repaired) result.stats.repaired++;
    result.stats.templates[outcome.template] = (result.stats.templates[outcome.template] ?? 0) + 1;
    confidence[outcome.template] = (confidence[outcome.template] ?? 0) + outcome.confidence;
  }
  const ranked = Object.entries(result.stats.templates).sort((a, b) => b[1] - a[1]);
  if (ranked.length > 0) {
    const [template, count] = ranked[0] as [ReadTemplate, number];
    const total = perTurn ? result.stats.converted + result.stats.failed : records.length;
    result.stats.detectedTemplate = template;
    // Share of records with the template, times how well they fit it on average.
    result.stats.confidence = round((count / Math.max(1, total)) * (confidence[template]! / count));
    result.stats.evidence = evidenceFor(standardizer, records, template, options.sourceFormat);
  }
  return result;
}

function evidenceFor(
  standardizer: Standardizer,
  records: readonly unknown[],
  template: ReadTemplate,
  sourceFormat: 'auto' | SourceTemplate | undefined,
): string {
  if (template === 'column_mapping' || template === 'multi_row')
    return 'the caller’s column mapping';
  if (sourceFormat && sourceFormat !== 'auto') return `named by the caller: ${sourceFormat}`;
  for (const record of records) {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) continue;
    const fit = standardizer
      .fits(record as SourceRecord)
      .find((candidate) => candidate.template === template);
    if (fit) return fit.evidence;
  }
  return template;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
