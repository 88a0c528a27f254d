import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-responses.decorator';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import {
  PiiRedactRequestDto,
  PiiRedactResultDto,
  PiiScanRequestDto,
  PiiScanResultDto,
} from './dto/privacy.dto';
import { PrivacyService } from './privacy.service';

const LIMITS =
  'Synchronous: at most 5,000 texts or records, each text at most 100,000 characters, and ' +
  'MAX_BODY_BYTES per request. ';

@ApiTags('privacy')
@Controller('privacy')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Post('scan')
  @Auth('user')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Find PII / PHI in texts or records',
    description:
      LIMITS +
      'One result per text (or record) in input order, with character offsets, a score 0..1 and ' +
      'the recognizer. Pattern recognizers with checksums (cards, SSN, IBAN, VIN), phone numbers ' +
      '(libphonenumber), name and place lists, street addresses; with records, column names ' +
      '(`ssn`, `mrn`, `patient_name`, ...) raise scores and can mark a whole field.',
  })
  @ApiEnvelope(200, PiiScanResultDto)
  @ApiErrors('VALIDATION_ERROR', 'PAYLOAD_TOO_LARGE', 'SERVICE_UNAVAILABLE')
  scan(@Body() request: PiiScanRequestDto): Promise<PiiScanResultDto> {
    return this.privacy.scan(request);
  }

  @Post('redact')
  @Auth('user')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace PII / PHI in texts or records',
    description:
      LIMITS +
      '`redact` writes the type (`[PERSON]`), `mask` asterisks, `hash` a keyed token ' +
      '(`[PERSON:1f3a…]`, HMAC-SHA256 under the organisation key: the same value gives the same ' +
      'token within an organisation and cannot be reversed). The findings are returned too.',
  })
  @ApiEnvelope(200, PiiRedactResultDto)
  @ApiErrors('VALIDATION_ERROR', 'PAYLOAD_TOO_LARGE', 'SERVICE_UNAVAILABLE')
  redact(
    @Body() request: PiiRedactRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PiiRedactResultDto> {
    return this.privacy.redact(request, principal.org);
  }
}
