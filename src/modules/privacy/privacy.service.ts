import { Injectable } from '@nestjs/common';
import { ApiError } from '../../common/errors/api-error';
import type {
  PiiFindingDto,
  PiiRedactRequestDto,
  PiiRedactResultDto,
  PiiScanRequestDto,
  PiiScanResultDto,
  PiiStatsDto,
} from './dto/privacy.dto';
import { type FieldFinding, type Finding, redactText, scanRecord, scanText } from './engine';
import { PiiHashKeys } from './pii-hash-keys';

@Injectable()
export class PrivacyService {
  constructor(private readonly hashKeys: PiiHashKeys) {}

  scan(request: PiiScanRequestDto): PiiScanResultDto {
    const results = this.findings(request).map((findings) => ({ findings }));
    return { results, stats: statsOf(results.map((r) => r.findings)) };
  }

  redact(request: PiiRedactRequestDto, org: string): PiiRedactResultDto {
    const hasher = request.action === 'hash' ? this.hashKeys.hasherFor(org) : undefined;
    const all = this.findings(request);
    const results = all.map((findings, i) => {
      if (request.texts) {
        return { text: redactText(request.texts[i], findings, request.action, hasher), findings };
      }
      const record = structuredClone(request.records![i]);
      for (const [field, inField] of groupByField(findings as FieldFinding[])) {
        setPath(record, field, redactText(getPath(record, field), inField, request.action, hasher));
      }
      return { record, findings };
    });
    return { results, stats: statsOf(all) };
  }

  private findings(request: PiiScanRequestDto): PiiFindingDto[][] {
    if ((request.texts === undefined) === (request.records === undefined)) {
      throw new ApiError('VALIDATION_ERROR', 'Give either texts or records', [
        { field: 'texts', messages: ['exactly one of texts and records is required'] },
      ]);
    }
    if (request.fields && !request.records) {
      throw new ApiError('VALIDATION_ERROR', 'fields applies to records only', [
        { field: 'fields', messages: ['fields needs records'] },
      ]);
    }
    const options = { entities: request.entities, minScore: request.minScore };
    if (request.texts) return request.texts.map((text) => scanText(text, options).map(plain));
    return request.records!.map((record) => scanRecord(record, request.fields, options));
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

function groupByField(findings: FieldFinding[]): Map<string, FieldFinding[]> {
  const groups = new Map<string, FieldFinding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.field) ?? [];
    group.push(finding);
    groups.set(finding.field, group);
  }
  return groups;
}

type Container = Record<string, unknown>;

function getPath(record: Container, path: string): string {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Container)[key], record) as string;
}

function setPath(record: Container, path: string, value: string): void {
  const keys = path.split('.');
  const parent = keys
    .slice(0, -1)
    .reduce<unknown>((inner, key) => (inner as Container)[key], record);
  (parent as Container)[keys.at(-1)!] = value;
}
