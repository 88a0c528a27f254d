import { Injectable } from '@nestjs/common';
import { checkTextsOrRecords } from '../../common/dto/texts-or-records.dto';
import { ApiError } from '../../common/errors/api-error';
import { recordFields } from '../privacy/privacy.service';
import type { BiasAnalyzeRequestDto, BiasReportDto } from './dto/bias.dto';
import { BIAS_TYPES, BiasAnalyzer, type BiasReport, type BiasType, severityOf } from './engine';
import { ExternalBiasClient, type ExternalScores } from './external-bias.client';

@Injectable()
export class BiasService {
  constructor(private readonly external: ExternalBiasClient) {}

  async analyze(request: BiasAnalyzeRequestDto): Promise<BiasReportDto> {
    checkRequest(request);
    const analyzer = new BiasAnalyzer({
      threshold: request.threshold,
      reference: request.reference,
    });
    const texts =
      request.texts ??
      request.records!.map((record, index) => recordText(record, index, request.fields));
    texts.forEach((text, index) => analyzer.addText(String(index), text));
    request.records?.forEach((record, index) => {
      for (const outcome of request.outcomes ?? []) {
        const group = valueAt(record, outcome.groupField);
        const label = valueAt(record, outcome.labelField);
        if (group === undefined || group === null || group === '' || label === undefined) continue;
        const positive = String(label) === String(outcome.positiveLabel ?? true);
        analyzer.addOutcome(String(index), outcome.biasType, String(group).toLowerCase(), positive);
      }
    });
    const report = analyzer.report();
    const external = await this.external.scores(texts);
    if (!external) return report;
    if (external.status !== 'merged') return { ...report, external: { status: external.status } };
    return { ...merge(report, external.scores), external: { status: 'merged' } };
  }
}

/** Free-text fields joined, one text per record (or the named fields). */
export function recordText(
  record: Record<string, unknown>,
  index: number,
  fields?: readonly string[],
): string {
  return recordFields(record, index, fields)
    .filter(([, text]) => fields !== undefined || /\s/.test(text))
    .map(([, text]) => text)
    .join('\n');
}

function valueAt(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function checkRequest(request: BiasAnalyzeRequestDto): void {
  checkTextsOrRecords(request, ['outcomes']);
  const problems: string[] = [];
  for (const [biasType, groups] of Object.entries(request.reference ?? {})) {
    if (!BIAS_TYPES.includes(biasType as BiasType))
      problems.push(`"${biasType}" is not a bias type`);
    else if (
      !groups ||
      typeof groups !== 'object' ||
      Object.values(groups).some((weight) => typeof weight !== 'number' || !(weight > 0))
    )
      problems.push(`${biasType}: each group needs a positive number`);
  }
  if (problems.length > 0) {
    throw new ApiError('VALIDATION_ERROR', 'Invalid reference', [
      { field: 'reference', messages: problems },
    ]);
  }
}

/**
 * The external scores merged: a type's score is the higher of the two (either may flag it), its
 * severity follows; the overall score is recomputed the engine's way (the mean of the type
 * scores weighted by confidence) and so is compliance.
 */
function merge(report: BiasReport, scores: ExternalScores): BiasReport {
  const biasMetrics = report.biasMetrics.map((metric) => {
    const externalScore = scores[metric.biasType];
    if (externalScore === undefined) return metric;
    const score = Math.max(metric.score, externalScore);
    return { ...metric, score, severity: severityOf(score), externalScore };
  });
  let weighted = 0;
  let weights = 0;
  for (const metric of biasMetrics) {
    weighted += metric.score * metric.confidence;
    weights += metric.confidence;
  }
  const overallBiasScore = weights === 0 ? 0 : Math.round((weighted / weights) * 1000) / 1000;
  return {
    ...report,
    biasMetrics,
    overallBiasScore,
    compliant:
      overallBiasScore <= report.threshold &&
      biasMetrics.every((metric) => metric.score <= report.threshold),
  };
}
