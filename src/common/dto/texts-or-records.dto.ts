import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ApiError } from '../errors/api-error';

/** The most texts (or records) one synchronous request may carry. */
export const MAX_INLINE_TEXTS = 5000;
/** The longest text (or record field) handled synchronously, in characters. */
export const MAX_TEXT_CHARS = 100_000;

/** Inline `texts`, or `records` with the `fields` to read: the privacy and bias requests. */
export class TextsOrRecordsDto {
  /** Plain texts (at most 5,000, each at most 100,000 characters). Give `texts` or `records`. */
  @ValidateIf((request: TextsOrRecordsDto) => request.records === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INLINE_TEXTS)
  @IsString({ each: true })
  @MaxLength(MAX_TEXT_CHARS, { each: true })
  texts?: string[];

  /** JSON objects (at most 5,000; each field at most 100,000 characters). */
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @ValidateIf((request: TextsOrRecordsDto) => request.texts === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INLINE_TEXTS)
  @IsObject({ each: true })
  records?: Record<string, unknown>[];

  /** With `records`: the fields to read, as dotted paths (a dot inside a key is `\.`). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  fields?: string[];
}

/**
 * Exactly one of `texts` and `records`; the options that only records have (`fields`, and any
 * named in `recordOptions`) only with records. Otherwise a 400 naming the field.
 */
export function checkTextsOrRecords<T extends TextsOrRecordsDto>(
  request: T,
  recordOptions: readonly (keyof T & string)[] = [],
): void {
  if ((request.texts === undefined) === (request.records === undefined)) {
    throw new ApiError('VALIDATION_ERROR', 'Give either texts or records', [
      { field: 'texts', messages: ['exactly one of texts and records is required'] },
    ]);
  }
  const onlyRecords = (['fields', ...recordOptions] as (keyof T & string)[]).filter(
    (key) => request[key] !== undefined && !request.records,
  );
  if (onlyRecords.length > 0) {
    throw new ApiError('VALIDATION_ERROR', `${onlyRecords.join(' and ')} apply to records only`, [
      { field: onlyRecords[0], messages: ['needs records'] },
    ]);
  }
}
