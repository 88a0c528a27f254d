import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope } from '../../common/openapi/api-responses.decorator';
import { Auth, CurrentPrincipal } from './auth.decorators';
import { PrincipalDto } from './dto/principal.dto';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  @Get('me')
  @Auth('viewer')
  @ApiOperation({ summary: 'Who the token belongs to: user id, role and organisation' })
  @ApiEnvelope(200, PrincipalDto)
  getCurrentPrincipal(@CurrentPrincipal() principal: Principal): PrincipalDto {
    return { sub: principal.sub, role: principal.role, org: principal.org };
  }
}
