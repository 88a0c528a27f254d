import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '../../common/envelope/envelope';
import { ApiError } from '../../common/errors/api-error';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-responses.decorator';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { AuditService } from './audit.service';
import {
  AuditEventDto,
  AuditEventQueryDto,
  AuditScopeQueryDto,
  AuditVerificationDto,
} from './dto/audit-event.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('events')
  @Auth('admin')
  @ApiOperation({
    summary: "The organisation's audit trail, newest first",
    description:
      'Every authenticated request and every refused one: who, what, which resource, outcome, ' +
      'request id, client IP, user agent, time. Never content.',
  })
  @ApiEnvelope(200, AuditEventDto, { isArray: true })
  @ApiErrors('VALIDATION_ERROR')
  listAuditEvents(
    @CurrentPrincipal() admin: Principal,
    @Query() query: AuditEventQueryDto,
  ): Promise<Page<AuditEventDto>> {
    return this.audit.list(admin, query);
  }

  @Get('events/:id')
  @Auth('admin')
  @ApiOperation({ summary: 'One entry of the organisation’s audit trail' })
  @ApiEnvelope(200, AuditEventDto)
  @ApiErrors('VALIDATION_ERROR', 'NOT_FOUND')
  getAuditEvent(
    @CurrentPrincipal() admin: Principal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => invalidId() })) id: string,
  ): Promise<AuditEventDto> {
    return this.audit.get(admin, id);
  }

  @Get('verify')
  @Auth('admin')
  @ApiOperation({
    summary: 'Check that the audit trail was not altered',
    description: 'Walks the hash chain and reports the first entry that does not match.',
  })
  @ApiEnvelope(200, AuditVerificationDto)
  @ApiErrors('VALIDATION_ERROR')
  verifyAuditTrail(
    @CurrentPrincipal() admin: Principal,
    @Query() query: AuditScopeQueryDto,
  ): Promise<AuditVerificationDto> {
    return this.audit.verify(admin, query.scope);
  }
}

const invalidId = () =>
  new ApiError('VALIDATION_ERROR', 'id must be a UUID', [
    { field: 'id', messages: ['must be a UUID'] },
  ]);
