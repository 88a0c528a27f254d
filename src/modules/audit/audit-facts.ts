import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import type { AuditFacts } from './audit-chain';

/** The chain of requests made without a verified identity (failed authentication). */
export const ANONYMOUS_ORG = '_anonymous';

const USER_AGENT_MAX = 256;

/**
 * The audit facts of a request: who (from the verified token), what (the operation and the
 * resource type and id from the route), how it ended, and from where. Nothing from the body,
 * the query string or the headers beyond the user agent.
 */
export function auditFacts(
  context: ExecutionContext,
  principal: Principal | undefined,
  outcome: number,
): AuditFacts {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const controller = context.getClass().name.replace(/Controller$/, '');
  return {
    org: principal?.org ?? ANONYMOUS_ORG,
    occurredAt: new Date(),
    actorSub: principal?.sub ?? null,
    actorRole: principal?.role ?? null,
    action: context.getHandler().name,
    resourceType: controller.charAt(0).toLowerCase() + controller.slice(1),
    resourceId:
      params.id ??
      params.operationId ??
      (request as { auditResourceId?: string }).auditResourceId ??
      null,
    outcome,
    requestId: request.id,
    clientIp: request.ip ?? null,
    userAgent: request.headers['user-agent']?.slice(0, USER_AGENT_MAX) ?? null,
  };
}
