import { HttpException, Logger } from '@nestjs/common';
import { ApiError } from './api-error';
import { codeForStatus, type ErrorCode } from './error-code';

export interface ErrorDescription {
  status: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
  headers: Record<string, string>;
}

const GENERIC_MESSAGES: Partial<Record<ErrorCode, string>> = {
  AUTHENTICATION_FAILED: 'Authentication is required',
  AUTHORIZATION_FAILED: 'You are not allowed to do this',
  NOT_FOUND: 'The resource was not found',
  INTERNAL_ERROR: 'An unexpected error occurred',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable',
};

const logger = new Logger('Errors');

/**
 * Turns anything thrown while handling a request into the contract's error description. Unknown
 * errors become INTERNAL_ERROR with a generic message; their details go to the log, not the client.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ApiError) {
    return {
      status: error.getStatus(),
      code: error.code,
      message: error.message,
      details: error.details,
      headers: { ...authenticationHeaders(error.code), ...error.headers },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = codeForStatus(status);
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : error.message;
    return {
      status,
      code,
      message: status >= 500 ? (GENERIC_MESSAGES[code] ?? message) : message,
      headers: authenticationHeaders(code),
    };
  }
  // Fastify's own client errors (malformed JSON, body too large, unsupported content type) carry
  // a status and a message written for the client, without any of the body's content.
  const status = errorStatus(error);
  if (status < 500) {
    const code = codeForStatus(status);
    return {
      status,
      code,
      message: (error as Error).message,
      headers: authenticationHeaders(code),
    };
  }
  logger.error(redactedTrace(error));
  return {
    status: 500,
    code: 'INTERNAL_ERROR',
    message: GENERIC_MESSAGES.INTERNAL_ERROR as string,
    headers: {},
  };
}

function authenticationHeaders(code: ErrorCode): Record<string, string> {
  return code === 'AUTHENTICATION_FAILED' ? { 'WWW-Authenticate': 'Bearer' } : {};
}

/**
 * What is logged of an unexpected error: its class, its code if it has one (PostgreSQL's SQLSTATE,
 * Node's errno names) and the stack frames. Not the message: messages quote values, and those
 * values can be PHI.
 */
export function redactedTrace(error: unknown): string {
  if (!(error instanceof Error)) return `non-error thrown (${typeof error})`;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return `${error.name}${typeof code === 'string' ? ` [${code}]` : ''} (message withheld)\n${frames}`;
}

/** The HTTP status an error will be answered with (as describeError decides), without logging. */
export function errorStatus(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500
    ? status
    : 500;
}
