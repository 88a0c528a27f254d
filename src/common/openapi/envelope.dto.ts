import { ApiProperty } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../errors/error-code';

export class PaginationDto {
  page: number;
  limit: number;
  total: number;
  totalPages: number;
}

export class ResponseMetaDto {
  /** The request's id, also sent as the X-Request-Id header. */
  requestId: string;
  timestamp: string;
  pagination?: PaginationDto;
}

export class SuccessEnvelopeDto {
  @ApiProperty({ enum: [true] })
  success: true;

  meta: ResponseMetaDto;
}

export class ErrorDto {
  @ApiProperty({ enum: ERROR_CODES })
  code: ErrorCode;

  /** What went wrong, for a person; never a stack trace. */
  message: string;

  /** Machine-readable specifics, e.g. the fields that failed validation. */
  @ApiProperty({ required: false, description: 'Machine-readable specifics of the error' })
  details?: unknown;

  requestId: string;
  timestamp: string;
}

export class ErrorEnvelopeDto {
  @ApiProperty({ enum: [false] })
  success: false;

  error: ErrorDto;
}
