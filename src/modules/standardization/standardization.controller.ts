import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-responses.decorator';
import { Auth } from '../auth/auth.decorators';
import { StandardizeRequestDto, StandardizeResultDto } from './dto/standardize.dto';
import { StandardizationService } from './standardization.service';

@ApiTags('standardization')
@Controller('standardization')
export class StandardizationController {
  constructor(private readonly standardization: StandardizationService) {}

  @Post('execute')
  @Auth('user')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Convert inline records into canonical conversations (or chatml, sharegpt, alpaca)',
    description:
      'Synchronous, up to 5,000 records and MAX_BODY_BYTES. Templates are detected per record ' +
      '(chatml/messages, sharegpt, alpaca, input/output, prompt/response, prompt/completion, ' +
      'question/answer, context/response, vicuna transcripts) or named; flat rows take a ' +
      'column mapping. Text is normalised (NFC, whitespace, mojibake repair); ids are stable. ' +
      'Records that cannot be converted are listed in `errors` with their index and a code.',
  })
  @ApiEnvelope(200, StandardizeResultDto)
  @ApiErrors('VALIDATION_ERROR', 'PAYLOAD_TOO_LARGE')
  executeStandardization(@Body() request: StandardizeRequestDto): StandardizeResultDto {
    return this.standardization.execute(request);
  }
}
