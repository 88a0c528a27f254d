import { Injectable } from '@nestjs/common';
import { standardizeBatch } from './conversation/standardize-batch';
import type { StandardizeRequestDto, StandardizeResultDto } from './dto/standardize.dto';
import { checkInlineRequest } from './inline-limits';

@Injectable()
export class StandardizationService {
  execute(request: StandardizeRequestDto): StandardizeResultDto {
    checkInlineRequest(request.records, request.roleMap);
    return standardizeBatch(request.records, {
      sourceFormat: request.sourceFormat,
      targetFormat: request.targetFormat,
      columnMapping: request.columnMapping,
      roleMap: request.roleMap,
    });
  }
}
