import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { withTimeout } from '../../common/async';
import { AppConfig } from '../../config/app-config';

export interface ProbeResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

/**
 * The process's Redis connection when REDIS_URL is set. Commands fail fast while Redis is down
 * (no offline queue), so callers degrade instead of hanging; ioredis keeps reconnecting.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client?: Redis;
  private readonly logger = new Logger('Redis');
  private lastError?: string;

  constructor(config: AppConfig) {
    if (!config.redisUrl) return;
    this.client = new Redis(config.redisUrl, {
      keyPrefix: `${config.redisPrefix}:`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    this.client.on('error', (error: Error) => {
      if (error.message !== this.lastError) this.logger.warn(`Redis unavailable: ${error.message}`);
      this.lastError = error.message;
    });
    this.client.on('ready', () => {
      if (this.lastError) this.logger.log('Redis connection restored');
      this.lastError = undefined;
    });
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  async ping(timeoutMs = 1000): Promise<ProbeResult> {
    const started = performance.now();
    if (!this.client) return { ok: false, latencyMs: 0, error: 'not configured' };
    try {
      await withTimeout(this.client.ping(), timeoutMs);
      return { ok: true, latencyMs: performance.now() - started };
    } catch (error) {
      return { ok: false, latencyMs: performance.now() - started, error: (error as Error).message };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client && this.client.status !== 'end') {
      await this.client.quit().catch(() => this.client?.disconnect());
    }
  }
}
