import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { checkTextsOrRecords } from '../../common/dto/texts-or-records.dto';
import { ApiError } from '../../common/errors/api-error';
import {
  MAX_TEXT_CHARS,
  type PiiFindingDto,
  type PiiRedactRequestDto,
  type PiiRedactResultDto,
  type PiiScanRequestDto,
  type PiiScanResultDto,
  type PiiStatsDto,
} from './dto/privacy.dto';
import {
  type FieldFinding,
  fieldFindings,
  type Finding,
  PiiScanPool,
  RecordTooDeepError,
  redactRecord,
  redactText,
  ScanTimeoutError,
  stringFields,
} from './engine';
import { PiiHashKeys } from './pii-hash-keys';

/**
 * Worker threads for large scans, closed with the application. A scan that outlives its time
 * (a hung worker) is answered 503: the worker is replaced and the request can be retried.
 */
@Injectable()
export class PiiScanWorkers extends PiiScanPool implements OnApplicationShutdown {
  override async scan(...args: Parameters<PiiScanPool['scan']>): Promise<Finding[][]> {
    try {
      return await super.scan(...args);
    } catch (error) {
      if (error instanceof ScanTimeoutError)
        throw new ApiError('SERVICE_UNAVAILABLE', `${error.message}; try again`);
      throw error;
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

@Injectable()
export class PrivacyService {
  constructor(
    private readonly hashKeys: PiiHashKeys,
    private readonly pool: PiiScanWorkers,
  ) {}

  async scan(request: PiiScanRequestDto): Promise<PiiScanResultDto> {
    const results = (await this.findings(request)).map((findings) => ({ findings }));
    return { results, stats: statsOf(results.map((r) => r.findings)) };
  }

  async redact(request: PiiRedactRequestDto, org: string): Promise<PiiRedactResultDto> {
    const hasher = request.action === 'hash' ? this.hashKeys.hasherFor(org) : undefined;
    const all = await this.findings(request);
    const results = all.map((findings, i) => {
      if (request.texts) {
        return { text: redactText(request.texts[i], findings, request.action, hasher), findings };
      }
      const record = redactRecord(
        request.records![i],
        findings as FieldFinding[],
        request.action,
        hasher,
      )!;
      return { record, findings };
    });
    return { results, stats: statsOf(all) };
  }

  /**
   * Each text's (or record's) findings. Large batches are scanned by the worker pool; a record's
   * fields are scanned as texts, then what their column names say is added here.
   */
  private async findings(request: PiiScanRequestDto): Promise<PiiFindingDto[][]> {
    checkTextsOrRecords(request);
    const options = { entities: request.entities, minScore: request.minScore };
    if (request.texts)
      return (await this.pool.scan(request.texts, options)).map((f) => f.map(plain));
    const fields = request.records!.map((record, index) =>
      recordFields(record, index, request.fields),
    );
    const candidates = await this.pool.scan(
      fields.flat().map(([, text]) => text),
      { ...options, minScore: 0 },
    );
    let next = 0;
    return fields.map((recordFields) =>
      recordFields.flatMap(([field, text]) =>
        fieldFindings(field, text, candidates[next++], options),
      ),
    );
  }
}

const plain = ({ entityType, start, end, score, recognizer }: Finding): PiiFindingDto => ({
  entityType,
  start,
  end,
  score,
  recognizer,
});

function statsOf(results: PiiFindingDto[][]): PiiStatsDto {
  const byType: Record<string, number> = {};
  let findings = 0;
  for (const result of results) {
    for (const finding of result) {
      findings++;
      byType[finding.entityType] = (byType[finding.entityType] ?? 0) + 1;
    }
  }
  return {
    texts: results.length,
    withFindings: results.filter((result) => result.length > 0).length,
    findings,
    byType,
  };
}

/**
 * A record's text fields for a synchronous request: a record nested too deep, or a field longer
 * than a text may be, is a 400 naming the record, never a field passed over unscanned.
 */
export function recordFields(
  record: Record<string, unknown>,
  index: number,
  only?: readonly string[],
): [string, string][] {
  let fields: [string, string][];
  try {
    fields = stringFields(record, only);
  } catch (error) {
    if (!(error instanceof RecordTooDeepError)) throw error;
    throw new ApiError('VALIDATION_ERROR', `Record ${index}: ${error.message}`, [
      { field: `records.${index}`, messages: [error.message] },
    ]);
  }
  const long = fields.find(([, text]) => text.length > MAX_TEXT_CHARS);
  if (long) {
    throw new ApiError(
      'VALIDATION_ERROR',
      `Record ${index}: a field is longer than ${MAX_TEXT_CHARS} characters`,
      [
        {
          field: `records.${index}.${long[0]}`,
          messages: [`at most ${MAX_TEXT_CHARS} characters`],
        },
      ],
    );
  }
  return fields;
}
