import { Injectable } from '@nestjs/common';
import { ApiError } from '../../common/errors/api-error';
import { CONVERSATION_SCHEMAS, SCHEMA_FORMATS } from '../standardization/conversation/schemas';
import { checkInlineRequest } from '../standardization/inline-limits';
import type { ValidateRequestDto, ValidationReportDto } from './dto/validation.dto';
import { DatasetValidator } from './engine/validator';

@Injectable()
export class ValidationService {
  execute(request: ValidateRequestDto): ValidationReportDto {
    checkInlineRequest(request.records, request.roleMap);
    const mapping = request.columnMapping;
    if (mapping?.role || mapping?.content || mapping?.turn) {
      throw new ApiError(
        'VALIDATION_ERROR',
        'Validation takes one conversation per record: standardize one-row-per-turn data first',
        [{ field: 'columnMapping', messages: ['role, content and turn are for standardization'] }],
      );
    }
    const validator = new DatasetValidator({
      checks: request.checks,
      schemaFormat: request.schemaFormat,
      sourceFormat: request.sourceFormat,
      columnMapping: mapping,
      roleMap: request.roleMap,
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
