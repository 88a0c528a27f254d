import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination-query.dto';

export class AuditEventQueryDto extends PaginationQueryDto {
  /** Whose trail: the caller's organisation, or failed authentications (no verified identity). */
  @IsOptional()
  @IsIn(['organisation', 'unauthenticated'])
  scope: 'organisation' | 'unauthenticated' = 'organisation';

  /** The actor's user id (`sub`). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  /** The operation, e.g. `getSystemMetrics`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  resourceType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  resourceId?: string;

  /** HTTP status of the outcome. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(599)
  outcome?: number;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class AuditScopeQueryDto {
  @IsOptional()
  @IsIn(['organisation', 'unauthenticated'])
  scope: 'organisation' | 'unauthenticated' = 'organisation';
}

export class AuditEventDto {
  id: string;
  org: string;
  /** Position in the organisation's chain, from 1. */
  seq: number;
  occurredAt: string;
  actorSub: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  /** HTTP status of the outcome. */
  outcome: number;
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
  prevHash: string;
  hash: string;
}

export class AuditChainBreakDto {
  seq: number;
  id: string;
  reason: string;
}

export class AuditVerificationDto {
  org: string;
  /** True when every entry links to the one before it and matches its hash. */
  valid: boolean;
  /** Entries checked. */
  checked: number;
  firstBreak?: AuditChainBreakDto;
}
