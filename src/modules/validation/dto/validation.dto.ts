import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { BiasReportDto } from '../../bias/dto/bias.dto';
import { SCHEMA_FORMATS } from '../../standardization/conversation/schemas';
import { ConversationRecordsDto } from '../../standardization/dto/standardize.dto';
import { ISSUE_CODES, type IssueCode } from '../engine/issues';
import { QUALITY_LEVELS, type QualityLevel } from '../engine/quality';
import { VALIDATION_CHECKS, type ValidationCheck } from '../engine/validator';

export class ValidateRequestDto extends ConversationRecordsDto {
  /**
   * Which checks to run: `schema`, `quality`, `pii` (PII / PHI findings), `bias` (the bias
   * report). Default: schema, quality and pii.
   */
  @ApiPropertyOptional({ enum: VALIDATION_CHECKS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(VALIDATION_CHECKS, { each: true })
  checks?: ValidationCheck[];

  /** Also check each record against this format's JSON Schema (GET /validation/schema/{format}). */
  @ApiPropertyOptional({ enum: SCHEMA_FORMATS })
  @IsOptional()
  @IsIn(SCHEMA_FORMATS)
  schemaFormat?: string;

  /** How many errors to list, 1-1000 (default 100); the rest are counted. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxErrors?: number;
}

export class ValidationIssueDto {
  /** Position of the record in the request, from 0. */
  index: number;
  /** The same position counted from 1 (row numbers as editors show them). */
  row: number;
  @ApiProperty({ enum: ISSUE_CODES })
  code: IssueCode;
  field?: string;
  message: string;
  /** The offending value, cut to 80 characters. */
  value?: string;
}

export class QualityPartsDto {
  /** Turn count, alternation, both roles present. */
  structure: number;
  /** Length, no placeholder / spam / repeated characters, natural-language text. */
  content: number;
  /** 1 unique, 0.5 near-duplicate, 0 exact duplicate. */
  duplicates: number;
  /** No empty turns, ends with an answer. */
  completeness: number;
}

export class ConversationQualityDto {
  index: number;
  conversationId: string;
  score: number;
  @ApiProperty({ enum: QUALITY_LEVELS })
  level: QualityLevel;
  parts: QualityPartsDto;
}

export class QualityLevelCountsDto {
  excellent: number;
  good: number;
  acceptable: number;
  needs_improvement: number;
  poor: number;
}

export class DatasetQualityDto {
  /** Mean of the conversations' scores, 0..1 (weights: structure 0.3, content 0.3, duplicates 0.2, completeness 0.2). */
  score: number;
  @ApiProperty({ enum: QUALITY_LEVELS })
  level: QualityLevel;
  parts: QualityPartsDto;
  levels: QualityLevelCountsDto;
  conversations: ConversationQualityDto[];
}

export class ValidationStatsDto {
  records: number;
  validRecords: number;
  invalidRecords: number;
  errors: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  errorsByCode: Record<string, number>;
  /** Records in which mojibake was repaired during standardization. */
  repairedEncoding: number;
}

export class PiiExampleDto {
  index: number;
  row: number;
  /** Where in the standardized conversation: `messages[2].content`. */
  field: string;
  entityType: string;
  /** Character offsets into that message (end exclusive). */
  start: number;
  end: number;
  score: number;
}

export class ValidationPiiDto {
  /** Conversations with at least one finding. */
  conversations: number;
  findings: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  byType: Record<string, number>;
  /** The first findings (up to maxErrors), with their place and never the text. */
  examples: PiiExampleDto[];
  examplesOmitted: number;
}

export class ValidationReportDto {
  valid: boolean;
  stats: ValidationStatsDto;
  errors: ValidationIssueDto[];
  /** Errors beyond maxErrors, counted but not listed. */
  errorsOmitted: number;
  quality?: DatasetQualityDto;
  pii?: ValidationPiiDto;
  /** With the `bias` check: as POST /bias/analyze reports it, record ids being indexes. */
  bias?: BiasReportDto;
}
