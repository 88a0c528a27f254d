import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CANONICAL_ROLES, type CanonicalRole } from '../conversation/canonical';
import { SOURCE_TEMPLATES, type SourceTemplate } from '../conversation/source-templates';
import { TARGET_FORMATS, type TargetFormat } from '../conversation/targets';

/** The most records one synchronous request may carry (larger sets: a dataset and the pipeline). */
export const MAX_INLINE_RECORDS = 5000;

/**
 * Which column holds what, for flat rows. `user` + `assistant` (+ `system`): one conversation per
 * row. `conversationId` + `role` + `content` (+ `turn` to order them): one row per turn.
 */
export class ColumnMappingDto {
  @IsOptional() @IsString() @MaxLength(200) user?: string;
  @IsOptional() @IsString() @MaxLength(200) assistant?: string;
  @IsOptional() @IsString() @MaxLength(200) system?: string;
  @IsOptional() @IsString() @MaxLength(200) conversationId?: string;
  @IsOptional() @IsString() @MaxLength(200) role?: string;
  @IsOptional() @IsString() @MaxLength(200) content?: string;
  @IsOptional() @IsString() @MaxLength(200) turn?: string;

  /** Columns copied into the conversation's metadata (default: every column not mapped). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  metadata?: string[];
}

/** Inline records and how to read them: shared by standardization and validation requests. */
export class ConversationRecordsDto {
  /** JSON objects in any supported template (at most 5,000 per request). */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @IsArray()
  @ArrayMinSize(1)
  records: unknown[];

  /** `auto` (default) detects the template of each record. */
  @ApiPropertyOptional({ enum: ['auto', ...SOURCE_TEMPLATES], default: 'auto' })
  @IsOptional()
  @IsIn(['auto', ...SOURCE_TEMPLATES])
  sourceFormat?: 'auto' | SourceTemplate;

  @IsOptional()
  @ValidateNested()
  @Type(() => ColumnMappingDto)
  columnMapping?: ColumnMappingDto;

  /** Extra role names and their canonical role, e.g. `{"coach": "assistant"}`. */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...CANONICAL_ROLES] },
  })
  @IsOptional()
  @IsObject()
  roleMap?: Record<string, CanonicalRole>;
}

export class StandardizeRequestDto extends ConversationRecordsDto {
  @ApiPropertyOptional({ enum: TARGET_FORMATS, default: 'canonical' })
  @IsOptional()
  @IsIn(TARGET_FORMATS)
  targetFormat?: TargetFormat;
}

export class StandardizeErrorDto {
  /** Position of the record in the request. */
  index: number;
  /** Stable code: unknown-template, missing-field, type-error, invalid-role, empty-message, no-messages, invalid-mapping. */
  code: string;
  message: string;
  field?: string;
}

export class StandardizeWarningDto {
  index: number;
  @ApiProperty({ enum: ['moved-to-metadata'] })
  code: 'moved-to-metadata';
  /** What the target format could not hold and is kept under `metadata`. */
  fields: string[];
}

export class StandardizeStatsDto {
  /** The template most records had (`column_mapping` / `multi_row` with a mapping). */
  detectedTemplate: string;
  /** Share of records with that template times their mean fit, 0..1. */
  confidence: number;
  /** Which fields decided it (names only). */
  evidence: string | null;
  /** How many records were read with each template. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  templates: Record<string, number>;
  converted: number;
  failed: number;
  /** Records in which mojibake was repaired. */
  repaired: number;
}

export class StandardizeResultDto {
  /** The converted records in input order (failed ones are in `errors`). */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  records: Record<string, unknown>[];
  errors: StandardizeErrorDto[];
  warnings: StandardizeWarningDto[];
  stats: StandardizeStatsDto;
}
