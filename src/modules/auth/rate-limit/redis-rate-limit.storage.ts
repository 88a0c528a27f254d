import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import {
  type MemoryRateLimitStorage,
  record,
  type ThrottlerStorageRecord,
} from './memory-rate-limit.storage';

/** One round trip: count the hit and start the window on the first one. */
const HIT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}
`;

type RedisWithHit = Redis & { rateLimitHit(key: string, ttl: number): Promise<[number, number]> };

/**
 * Fixed-window counters in Redis, shared by every instance. While Redis is unreachable the
 * service keeps serving and counts in process memory instead (limits then hold per instance):
 * refusing every request because the limiter's store is down would turn a cache outage into a
 * full outage.
 */
export class RedisRateLimitStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: RedisWithHit;
  private degraded = false;

  constructor(
    redis: Redis,
    private readonly fallback: MemoryRateLimitStorage,
  ) {
    redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT });
    this.redis = redis as RedisWithHit;
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    try {
      const [hits, remainingMs] = await this.redis.rateLimitHit(`rl:${key}`, ttl);
      if (this.degraded) {
        this.degraded = false;
        this.logger.log('Redis is back: rate limits are shared again');
      }
      return record(hits, remainingMs, limit);
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn(`Redis unavailable (${(error as Error).message}): limits per instance`);
      }
      return this.fallback.hit(key, ttl, limit);
    }
  }
}
