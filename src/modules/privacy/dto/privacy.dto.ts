import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ENTITY_TYPES, type EntityType, REDACT_ACTIONS, type RedactAction } from '../engine';

/** The most texts (or records) one synchronous request may carry. */
export const MAX_INLINE_TEXTS = 5000;
/** The longest text scanned synchronously, in characters. */
export const MAX_TEXT_CHARS = 100_000;

/** Texts or records to scan, and what to look for. */
export class PiiScanRequestDto {
  /** Plain texts (at most 5,000, each at most 100,000 characters). Give `texts` or `records`. */
  @ValidateIf((request: PiiScanRequestDto) => request.records === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INLINE_TEXTS)
  @IsString({ each: true })
  @MaxLength(MAX_TEXT_CHARS, { each: true })
  texts?: string[];

  /** JSON objects (at most 5,000): their string fields are scanned, column names count. */
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @ValidateIf((request: PiiScanRequestDto) => request.texts === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INLINE_TEXTS)
  @IsObject({ each: true })
  records?: Record<string, unknown>[];

  /** With `records`: the fields to scan, as dotted paths (default: every string field). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  fields?: string[];

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
