import { HttpException } from '@nestjs/common';
import { ERROR_STATUS, type ErrorCode } from './error-code';

/** An error the client is meant to see: a contract code, a safe message and optional details. */
export class ApiError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
    status: number = ERROR_STATUS[code],
  ) {
    super(message, status);
  }

  static notFound(resource: string, id: string): ApiError {
    return new ApiError('NOT_FOUND', `${resource} ${id} was not found`);
  }
}
