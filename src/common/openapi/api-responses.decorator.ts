import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode } from '../errors/error-code';
import { ErrorEnvelopeDto, SuccessEnvelopeDto } from './envelope.dto';

/** Documents a success response whose `data` is the given DTO (or a list of it). */
export function ApiEnvelope(
  status: number,
  model: Type<unknown>,
  options: { description?: string; isArray?: boolean } = {},
) {
  const data = options.isArray
    ? { type: 'array', items: { $ref: getSchemaPath(model) } }
    : { $ref: getSchemaPath(model) };
  return applyDecorators(
    ApiExtraModels(SuccessEnvelopeDto, model),
    ApiResponse({
      status,
      description: options.description ?? 'Success',
      schema: {
        allOf: [
          { $ref: getSchemaPath(SuccessEnvelopeDto) },
          { type: 'object', properties: { data }, required: ['data'] },
        ],
      },
    }),
  );
}

/** Documents the error responses an operation can give, always including INTERNAL_ERROR. */
export function ApiErrors(...codes: ErrorCode[]) {
  const all = [...new Set<ErrorCode>([...codes, 'INTERNAL_ERROR'])];
  return applyDecorators(
    ApiExtraModels(ErrorEnvelopeDto),
    ...all.map((code) =>
      ApiResponse({
        status: ERROR_STATUS[code],
        description: code,
        schema: { $ref: getSchemaPath(ErrorEnvelopeDto) },
      }),
    ),
  );
}
