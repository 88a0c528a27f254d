import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ApiError } from '../../../common/errors/api-error';
import type { AuthenticatedRequest } from '../auth.decorators';

/**
 * @nestjs/throttler's guard, keyed by caller: the verified user (org and sub) or, without a valid
 * token, the client IP. The `default` throttler counts all of a caller's requests; the `route`
 * throttler counts per route, only on routes with their own limit. Called by the AuthGuard
 * after authentication, so failed authentication attempts are counted too.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: AuthenticatedRequest & { ip?: string }) {
    const principal = req.principal;
    return principal ? `user:${principal.org}:${principal.sub}` : `ip:${req.ip}`;
  }

  protected override generateKey(context: ExecutionContext, tracker: string, name: string) {
    if (name !== 'route') return `${name}:${tracker}`;
    return `${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = detail.timeToBlockExpire;
    throw new ApiError(
      'RATE_LIMIT_EXCEEDED',
      `Too many requests: the limit is ${detail.limit} per ${detail.ttl / 1000} s`,
      { limit: detail.limit, windowSeconds: detail.ttl / 1000, retryAfterSeconds: seconds },
      { 'Retry-After': String(seconds) },
    );
  }
}
