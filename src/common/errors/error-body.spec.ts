import { BadRequestException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ApiError } from './api-error';
import { describeError, redactedTrace } from './error-body';

describe('describeError', () => {
  it('passes an ApiError through with its code, message and details', () => {
    const error = describeError(
      new ApiError('CONFLICT', 'Already running', { operationId: 'op1' }),
    );
    expect(error).toEqual({
      status: 409,
      code: 'CONFLICT',
      message: 'Already running',
      details: { operationId: 'op1' },
      headers: {},
    });
  });

  it('adds WWW-Authenticate: Bearer to authentication failures', () => {
    expect(describeError(new UnauthorizedException()).headers).toEqual({
      'WWW-Authenticate': 'Bearer',
    });
    expect(describeError(new ApiError('AUTHENTICATION_FAILED', 'expired')).headers).toEqual({
      'WWW-Authenticate': 'Bearer',
    });
  });

  it('maps Nest HTTP exceptions to the contract code for their status', () => {
    expect(describeError(new NotFoundException('Cannot GET /x')).code).toBe('NOT_FOUND');
    expect(describeError(new BadRequestException('bad')).code).toBe('VALIDATION_ERROR');
  });

  it("keeps the message of Fastify's own client errors", () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(describeError(tooLarge)).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Request body is too large',
    });
  });

  it('hides the message of an unexpected error behind INTERNAL_ERROR', () => {
    const error = describeError(
      new TypeError("Cannot read properties of undefined (reading 'ssn')"),
    );
    expect(error).toEqual({
      status: 500,
      code: 'INTERNAL_ERROR',
      message: 'An unexpected error occurred',
      headers: {},
    });
  });
});

describe('redactedTrace', () => {
  it('keeps the class, code and frames of an error but not its message', () => {
    const error = Object.assign(new Error('duplicate value jane.doe@example.com'), {
      code: '23505',
    });
    const trace = redactedTrace(error);
    expect(trace).toMatch(/^Error \[23505\] \(message withheld\)\n\s+at /);
    expect(trace).not.toContain('jane.doe');
  });
});
