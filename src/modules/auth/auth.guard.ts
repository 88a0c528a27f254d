import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../common/errors/api-error';
import { auditFacts } from '../audit/audit-facts';
import { AuditTrail } from '../audit/audit-trail.service';
import { type AuthenticatedRequest, IS_PUBLIC, MINIMUM_ROLE } from './auth.decorators';
import { hasRole, type Principal, type Role } from './principal';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { AuthenticationError, TokenVerifier } from './token-verifier';

/** The bearer token of a request, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Deny by default: every HTTP route needs a valid token unless it is @Public, the caller must be
 * within their rate limits, and their role must reach the route's @Auth minimum (viewer when
 * none is given). Refusals (401, 403) are recorded in the audit trail before they are answered.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly rateLimit: RateLimitGuard,
    private readonly trail: AuditTrail,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const failure = await this.authenticate(request);
    // Counted before a failure is reported, so guessing tokens is limited too (per IP).
    await this.rateLimit.canActivate(context);
    if (failure) {
      await this.trail.record(auditFacts(context, undefined, 401));
      throw new ApiError('AUTHENTICATION_FAILED', failure);
    }
    const principal = request.principal as Principal;
    const minimum = this.reflector.getAllAndOverride<Role>(MINIMUM_ROLE, targets) ?? 'viewer';
    if (!hasRole(principal, minimum)) {
      await this.trail.record(auditFacts(context, principal, 403));
      throw new ApiError('AUTHORIZATION_FAILED', `This requires the ${minimum} role`);
    }
    return true;
  }

  /** Sets request.principal from a valid token; returns why there is none otherwise. */
  private async authenticate(request: AuthenticatedRequest & FastifyRequest) {
    const token = bearerToken(request.headers.authorization);
    if (!token) return 'A bearer token is required';
    try {
      request.principal = await this.verifier.verify(token);
      return undefined;
    } catch (error) {
      if (error instanceof AuthenticationError) return error.message;
      throw error;
    }
  }
}
