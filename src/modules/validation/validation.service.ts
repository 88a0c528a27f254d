import { Injectable } from '@nestjs/common';
import { ApiError } from '../../common/errors/api-error';
import { CANONICAL_ROLES, type CanonicalRole } from '../standardization/conversation/canonical';
import { CONVERSATION_SCHEMAS, SCHEMA_FORMATS } from '../standardization/conversation/schemas';
import { MAX_INLINE_RECORDS } from '../standardization/dto/standardize.dto';
import type { ValidateRequestDto, ValidationReportDto } from './dto/validation.dto';
import { DatasetValidator } from './engine/validator';

@Injectable()
export class ValidationService {
  execute(request: ValidateRequestDto): ValidationReportDto {
    if (request.records.length > MAX_INLINE_RECORDS) {
      throw new ApiError(
        'PAYLOAD_TOO_LARGE',
        `At most ${MAX_INLINE_RECORDS} records per request (got ${request.records.length}); upload larger sets as a dataset`,
      );
    }
    const mapping = request.columnMapping;
    if (mapping?.role || mapping?.content || mapping?.turn) {
      throw new ApiError(
        'VALIDATION_ERROR',
        'Validation takes one conversation per record: standardize one-row-per-turn data first',
        [{ field: 'columnMapping', messages: ['role, content and turn are for standardization'] }],
      );
    }
    const roleMap = request.roleMap ?? {};
    const badRoles = Object.keys(roleMap).filter(
      (name) => !CANONICAL_ROLES.includes(roleMap[name] as CanonicalRole),
    );
    if (badRoles.length > 0) {
      throw new ApiError('VALIDATION_ERROR', 'roleMap values must be system, user or assistant', [
        { field: 'roleMap', messages: badRoles.map((name) => `"${name}" maps to an unknown role`) },
      ]);
    }
    const validator = new DatasetValidator({
      checks: request.checks,
      schemaFormat: request.schemaFormat,
      sourceFormat: request.sourceFormat,
      columnMapping: mapping,
      roleMap,
      maxErrors: request.maxErrors,
    });
    request.records.forEach((record, index) => validator.add(record, index));
    return validator.report();
  }

  schema(format: string): Record<string, unknown> {
    const schema = CONVERSATION_SCHEMAS[format];
    if (!schema || !Object.hasOwn(CONVERSATION_SCHEMAS, format)) {
      throw new ApiError(
        'NOT_FOUND',
        `No schema for format "${format}"; known formats: ${SCHEMA_FORMATS.join(', ')}`,
        {
          knownFormats: SCHEMA_FORMATS,
        },
      );
    }
    return schema;
  }
}
