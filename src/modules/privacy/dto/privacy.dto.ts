import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { TextsOrRecordsDto } from '../../../common/dto/texts-or-records.dto';
import { ENTITY_TYPES, type EntityType, REDACT_ACTIONS, type RedactAction } from '../engine';

export { MAX_INLINE_TEXTS, MAX_TEXT_CHARS } from '../../../common/dto/texts-or-records.dto';

/** Texts or records to scan (their string and number fields; column names count), and what to look for. */
export class PiiScanRequestDto extends TextsOrRecordsDto {
  /** Entity types to report (default: all). */
  @ApiPropertyOptional({ enum: ENTITY_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ENTITY_TYPES, { each: true })
  entities?: EntityType[];

  /** Findings scoring below this are not reported (default 0.5). */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minScore?: number;
}

export class PiiRedactRequestDto extends PiiScanRequestDto {
  /** `redact`: `[PERSON]`; `mask`: `****`; `hash`: a keyed token stable within the organisation. */
  @ApiProperty({ enum: REDACT_ACTIONS })
  @IsIn(REDACT_ACTIONS)
  action: RedactAction;
}

export class PiiFindingDto {
  @ApiProperty({ enum: ENTITY_TYPES }) entityType: EntityType;
  /**
   * Offsets into the text (end exclusive) in UTF-16 code units, as JavaScript and Java index
   * strings: a character outside the Basic Multilingual Plane (an emoji) counts as two.
   */
  start: number;
  end: number;
  /** 0..1. */
  score: number;
  /** Which recognizer found it (`email`, `credit-card`, `name-lists`, `column-name`, ...). */
  recognizer: string;
  /** With records: the field's dotted path. */
  field?: string;
}

export class PiiScanResultItemDto {
  findings: PiiFindingDto[];
}

export class PiiScanResultDto {
  /** One result per text or record, in input order. */
  results: PiiScanResultItemDto[];
  stats: PiiStatsDto;
}

export class PiiStatsDto {
  texts: number;
  withFindings: number;
  findings: number;
  /** Findings per entity type. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  byType: Record<string, number>;
}

export class PiiRedactResultItemDto {
  /** With `texts`: the redacted text. */
  text?: string;
  /** With `records`: the record with its scanned fields redacted. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  record?: Record<string, unknown>;
  findings: PiiFindingDto[];
}

export class PiiRedactResultDto {
  results: PiiRedactResultItemDto[];
  stats: PiiStatsDto;
}
