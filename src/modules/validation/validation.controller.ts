import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-responses.decorator';
import { Auth } from '../auth/auth.decorators';
import { ValidateRequestDto, ValidationReportDto } from './dto/validation.dto';
import { ValidationService } from './validation.service';

@ApiTags('validation')
@Controller('validation')
export class ValidationController {
  constructor(private readonly validation: ValidationService) {}

  @Post('execute')
  @Auth('user')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Validate inline records: errors with stable codes, and a quality score',
    description:
      'Synchronous, up to 5,000 records and MAX_BODY_BYTES. Each record is standardized, then ' +
      "checked (schema: structure, roles, lengths, encoding, duplicates, and a format's JSON " +
      'Schema with schemaFormat) and scored (quality: structure, content, duplicates, ' +
      'completeness). Errors name the record index, field and code; values are cut to 80 characters.',
  })
  @ApiEnvelope(200, ValidationReportDto)
  @ApiErrors('VALIDATION_ERROR', 'PAYLOAD_TOO_LARGE')
  executeValidation(@Body() request: ValidateRequestDto): ValidationReportDto {
    return this.validation.execute(request);
  }

  @Get('schema/:format')
  @Auth('viewer')
  @ApiOperation({
    summary: 'The JSON Schema of a conversation format',
    description:
      'canonical, chatml, sharegpt, alpaca, input_output, prompt_response; an unknown format is 404 listing them.',
  })
  @ApiOkResponse({ description: 'A JSON Schema (draft 2020-12) in the envelope’s data' })
  @ApiErrors('NOT_FOUND')
  getValidationSchema(@Param('format') format: string): Record<string, unknown> {
    return this.validation.schema(format);
  }
}
