import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TextsOrRecordsDto } from '../../../common/dto/texts-or-records.dto';
import { BIAS_TYPES, type BiasEvidence, type BiasType, SEVERITIES, type Severity } from '../engine';

/** Where a record keeps its group for one bias type and its outcome label. */
export class OutcomeColumnsDto {
  @ApiProperty({ enum: BIAS_TYPES })
  @IsIn(BIAS_TYPES)
  biasType: BiasType;

  /** The field (dotted path) holding the record's group, e.g. `gender`. */
  @IsString()
  @MaxLength(200)
  groupField: string;

  /** The field (dotted path) holding the outcome, e.g. `approved`. */
  @IsString()
  @MaxLength(200)
  labelField: string;

  /** The label value that counts as the favourable outcome (compared as text). */
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] })
  @IsOptional()
  positiveLabel: string | number | boolean = true;
}

/**
 * Texts, or records whose free-text fields (strings with a space, or `fields`) are analysed as
 * one text per record and from which `outcomes` reads groups and labels.
 */
export class BiasAnalyzeRequestDto extends TextsOrRecordsDto {
  /** With `records`: group and label fields, for outcome disparity per bias type. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => OutcomeColumnsDto)
  outcomes?: OutcomeColumnsDto[];

  /** A type (or the overall score) strictly above this fails (default 0.7). */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  threshold?: number;

  /**
   * Expected share of each group per bias type (positive weights, normalised), e.g.
   * `{ "gender": { "female": 1, "male": 1 } }`. Default: uniform over the groups mentioned.
   */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
  })
  @IsOptional()
  @IsObject()
  reference?: Partial<Record<BiasType, Record<string, number>>>;
}

export class BiasMetricDto {
  @ApiProperty({ enum: BIAS_TYPES })
  biasType: BiasType;
  /** 0..1, the highest of the type's measurements (and of the external service's score). */
  score: number;
  @ApiProperty({ enum: SEVERITIES })
  severity: Severity;
  affectedGroups: string[];
  /** 0..1: low when the evidence is thin. */
  confidence: number;
  /** Counts, measurements, lexicon terms and example record ids; never text. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  evidence: BiasEvidence;
  recommendations: string[];
  /** The external bias service's score for this type, when it answered. */
  externalScore?: number;
}

export class ExternalBiasDto {
  /** `merged`: its scores were merged; otherwise why the built-in analysis stands alone. */
  @ApiProperty({ enum: ['merged', 'unavailable', 'circuit-open', 'invalid-response'] })
  status: 'merged' | 'unavailable' | 'circuit-open' | 'invalid-response';
}

export class BiasReportDto {
  overallBiasScore: number;
  biasMetrics: BiasMetricDto[];
  /** False when any type's score, or the overall score, is strictly above the threshold. */
  compliant: boolean;
  threshold: number;
  processingTimeMs: number;
  /** Present when BIAS_SERVICE_URL is set. */
  external?: ExternalBiasDto;
}
