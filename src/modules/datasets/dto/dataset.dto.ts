import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination-query.dto';
import { DATASET_FORMATS, type DatasetFormat, type ValueKind } from '../formats/format';
import {
  DETECTED_TEMPLATES,
  type DetectedTemplate,
} from '../../standardization/conversation/detect-template';

export const DATASET_STATUSES = ['processing', 'ready', 'invalid'] as const;
export const DATASET_SORT_FIELDS = ['createdAt', 'updatedAt', 'name', 'sizeBytes'] as const;
export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _.:-]{0,49}$/u;
export const MAX_TAGS = 20;

/** Descriptive fields, shared by upload (multipart fields) and update (JSON body). */
export class DatasetFieldsDto {
  /** A name for people, 1-200 characters. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  /** Up to 2,000 characters; in an update, null clears it. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  /** Up to 20 tags of letters, digits, space, `_ . : -` (1-50 characters each). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be 1-50 letters, digits or _ . : -' })
  tags?: string[];

  /** Free-form JSON object for the caller's own bookkeeping (at most 16 KiB as JSON). */
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}

/** Any of the descriptive fields; `description: null` clears it. */
export class UpdateDatasetDto extends PartialType(DatasetFieldsDto) {}

/** The multipart form of an upload (documentation for Swagger UI). */
export class UploadDatasetDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV, JSON, JSONL or Parquet' })
  file: unknown;

  @ApiProperty({ maxLength: 200 })
  name: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  description?: string;

  @ApiPropertyOptional({
    description: 'Comma-separated, or the field repeated once per tag',
    example: 'counselling,2026-q3',
  })
  tags?: string;

  @ApiPropertyOptional({ description: 'A JSON object', example: '{"source":"intake"}' })
  metadata?: string;
}

export class DatasetQueryDto extends PaginationQueryDto {
  /** Part of the name, case-insensitive. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @IsOptional()
  @IsIn(DATASET_FORMATS)
  format?: DatasetFormat;

  @IsOptional()
  @IsIn(DATASET_STATUSES)
  status?: (typeof DATASET_STATUSES)[number];

  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @IsOptional()
  @IsIn(DATASET_SORT_FIELDS)
  sort: (typeof DATASET_SORT_FIELDS)[number] = 'createdAt';

  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';
}

export class PreviewQueryDto {
  /** How many rows, 1-100 (default 10). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;
}

export class DownloadQueryDto {
  /** Convert to this format on the fly; omitted (or the stored format): the original bytes. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  @IsIn(DATASET_FORMATS)
  format?: DatasetFormat;
}

export class DatasetColumnDto {
  name: string;
  @ApiProperty({
    enum: ['string', 'integer', 'number', 'boolean', 'object', 'array', 'mixed', 'null'],
  })
  type: ValueKind;
  nullCount: number;
}

export class DatasetDto {
  id: string;
  name: string;
  description: string | null;
  tags: string[];
  metadata: Record<string, unknown>;
  @ApiProperty({ enum: DATASET_FORMATS })
  format: DatasetFormat;
  originalFilename: string;
  /** Text encoding found at upload (text formats). */
  encoding: string | null;
  /** CSV delimiter found at upload. */
  delimiter: string | null;
  sizeBytes: number;
  /** SHA-256 of the original bytes, hex. */
  sha256: string;
  @ApiProperty({ enum: DATASET_STATUSES })
  status: (typeof DATASET_STATUSES)[number];
  /** Why the dataset is invalid (row number and reason). */
  statusReason: string | null;
  rowCount: number | null;
  columns: DatasetColumnDto[] | null;
  @ApiProperty({ enum: DETECTED_TEMPLATES, nullable: true })
  template: DetectedTemplate | null;
  /** Share of sampled rows that have the template's shape. */
  templateConfidence: number | null;
  /** The uploader's user id. */
  owner: string;
  qualityScore: number | null;
  biasScore: number | null;
  createdAt: string;
  updatedAt: string;
  profiledAt: string | null;
}

export class DatasetPreviewDto {
  datasetId: string;
  /** Column names in order. */
  columns: string[];
  /** The first rows, parsed (values as JSON). */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  rows: Record<string, unknown>[];
}
