import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-responses.decorator';
import { Auth } from '../auth/auth.decorators';
import { BiasAnalyzeRequestDto, BiasReportDto } from './dto/bias.dto';
import { BiasService } from './bias.service';

@ApiTags('bias')
@Controller('bias')
export class BiasController {
  constructor(private readonly bias: BiasService) {}

  @Post('analyze')
  @Auth('user')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Audit texts or records for bias across the eight types',
    description:
      'Synchronous: at most 5,000 texts or records, each text at most 100,000 characters, and ' +
      'MAX_BODY_BYTES. Per type (gender, racial, age, socioeconomic, geographic, disability, ' +
      'religious, sexual_orientation): representation of groups against a uniform or given ' +
      '`reference`, stigmatising terms, explicit generalisations, negative words near group ' +
      'mentions, and with `records` + `outcomes` the statistical parity difference and disparate ' +
      'impact ratio. Scores 0..1; the four-fifths ratio and a 0.1 difference map to 0.7. ' +
      'Evidence is counts and record ids, never text.',
  })
  @ApiEnvelope(200, BiasReportDto)
  @ApiErrors('VALIDATION_ERROR', 'PAYLOAD_TOO_LARGE')
  analyze(@Body() request: BiasAnalyzeRequestDto): Promise<BiasReportDto> {
    return this.bias.analyze(request);
  }
}
