import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '../../../config/app-config';
import type { RedisService } from '../../../infra/redis/redis.service';
import { type AuthenticatedRequest, ROUTE_RATE_LIMIT } from '../auth.decorators';
import { MemoryRateLimitStorage } from './memory-rate-limit.storage';
import { RedisRateLimitStorage } from './redis-rate-limit.storage';

const MINUTE_MS = 60_000;

/**
 * Two throttlers: `default`, a caller's requests per minute by role (per IP without a valid
 * token); `route`, a caller's requests per minute on a route marked @RateLimit. Counters live in
 * Redis when it is configured (shared by all instances), otherwise in process memory.
 */
export function rateLimitOptions(
  config: AppConfig,
  reflector: Reflector,
  redis: RedisService,
): ThrottlerModuleOptions {
  const routeLimit = (context: ExecutionContext) =>
    reflector.getAllAndOverride<number | 'expensive' | undefined>(ROUTE_RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
  const memory = new MemoryRateLimitStorage();
  return {
    throttlers: [
      {
        name: 'default',
        ttl: MINUTE_MS,
        limit: (context) => {
          const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
          return config.rateLimits[principal?.role ?? 'anonymous'];
        },
      },
      {
        name: 'route',
        ttl: MINUTE_MS,
        skipIf: (context) => routeLimit(context) === undefined,
        limit: (context) => {
          const limit = routeLimit(context);
          return limit === 'expensive' ? config.expensiveRateLimitPerMinute : (limit as number);
        },
      },
    ],
    storage: redis.client ? new RedisRateLimitStorage(redis.client, memory) : memory,
  };
}
