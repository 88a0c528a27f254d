import { Injectable } from '@nestjs/common';
import { Page } from '../../common/envelope/envelope';
import { ApiError } from '../../common/errors/api-error';
import type { Principal } from '../auth/principal';
import { findBreak } from './audit-chain';
import { ANONYMOUS_ORG } from './audit-facts';
import { AuditRepository } from './audit.repository';
import type {
  AuditEventDto,
  AuditEventQueryDto,
  AuditVerificationDto,
} from './dto/audit-event.dto';
import type { AuditEvent } from './entities/audit-event.entity';

const VERIFY_BATCH = 1000;

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  async list(admin: Principal, query: AuditEventQueryDto): Promise<Page<AuditEventDto>> {
    const [events, total] = await this.repository.list(
      { ...query, org: orgOf(admin, query.scope) },
      query.page,
      query.limit,
    );
    return new Page(events.map(toDto), query.page, query.limit, total);
  }

  /** An entry of the admin's organisation; another organisation's entry does not exist for them. */
  async get(admin: Principal, id: string): Promise<AuditEventDto> {
    const event = await this.repository.findInOrg(admin.org, id);
    if (!event) throw ApiError.notFound('Audit event', id);
    return toDto(event);
  }

  /** Walks the whole chain in order and reports the first entry that breaks it. */
  async verify(admin: Principal, scope: 'organisation' | 'unauthenticated') {
    const org = orgOf(admin, scope);
    let previous: { seq: number; hash: string } | undefined;
    let checked = 0;
    for (;;) {
      const batch = await this.repository.chainAfter(org, previous?.seq ?? 0, VERIFY_BATCH);
      if (batch.length === 0) break;
      const broken = findBreak(previous, batch);
      if (broken) {
        const index = batch.findIndex((entry) => entry.id === broken.id);
        return { org, valid: false, checked: checked + index, firstBreak: broken };
      }
      checked += batch.length;
      const last = batch[batch.length - 1];
      previous = { seq: last.seq, hash: last.hash };
    }
    return { org, valid: true, checked } satisfies AuditVerificationDto;
  }
}

function orgOf(admin: Principal, scope: 'organisation' | 'unauthenticated'): string {
  return scope === 'unauthenticated' ? ANONYMOUS_ORG : admin.org;
}

function toDto(event: AuditEvent): AuditEventDto {
  return { ...event, seq: Number(event.seq), occurredAt: event.occurredAt.toISOString() };
}
