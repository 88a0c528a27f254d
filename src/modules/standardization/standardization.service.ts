import { Injectable } from '@nestjs/common';
import { ApiError } from '../../common/errors/api-error';
import { CANONICAL_ROLES, type CanonicalRole } from './conversation/canonical';
import { standardizeBatch } from './conversation/standardize-batch';
import {
  MAX_INLINE_RECORDS,
  type StandardizeRequestDto,
  type StandardizeResultDto,
} from './dto/standardize.dto';

@Injectable()
export class StandardizationService {
  execute(request: StandardizeRequestDto): StandardizeResultDto {
    if (request.records.length > MAX_INLINE_RECORDS) {
      throw new ApiError(
        'PAYLOAD_TOO_LARGE',
        `At most ${MAX_INLINE_RECORDS} records per request (got ${request.records.length}); upload larger sets as a dataset`,
      );
    }
    const roleMap = request.roleMap ?? {};
    const badRoles = Object.entries(roleMap).filter(
      ([, role]) => !CANONICAL_ROLES.includes(role as CanonicalRole),
    );
    if (badRoles.length > 0) {
      throw new ApiError('VALIDATION_ERROR', 'roleMap values must be system, user or assistant', [
        {
          field: 'roleMap',
          messages: badRoles.map(([name]) => `"${name}" maps to an unknown role`),
        },
      ]);
    }
    return standardizeBatch(request.records, {
      sourceFormat: request.sourceFormat,
      targetFormat: request.targetFormat,
      columnMapping: request.columnMapping,
      roleMap,
    });
  }
}
