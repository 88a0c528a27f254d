import { statfs } from 'node:fs/promises';
import { getHeapStatistics } from 'node:v8';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATABASE_ENDPOINT } from '../../infra/database/database.module';
import type { DatabaseEndpoint } from '../../infra/database/database-endpoint';
import { HttpLifecycle } from '../../infra/http/http-lifecycle.service';
import { QUEUE_NAMES } from '../../infra/queue/job-catalogue';
import { JobQueue } from '../../infra/queue/job-queue.service';
import { JobWorkers } from '../../infra/queue/job-workers.service';
import { withTimeout } from '../../common/async';
import { RedisService } from '../../infra/redis/redis.service';
import { DataDirectory } from '../../infra/storage/storage.module';
import type { CheckResultDto, HealthReportDto } from './dto/health.dto';

const CHECK_TIMEOUT_MS = 2000;
/** Below this much free space in DATA_DIR uploads and the embedded database start failing. */
const MIN_FREE_DISK_BYTES = 512 * 1024 * 1024;
const MAX_HEAP_USE = 0.9;

/**
 * Health of the dependencies. The database is critical (down: the service is down); Redis, the
 * queue, disk and memory are not (down: the service is degraded but still answers).
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataDir: DataDirectory,
    private readonly dataSource: DataSource,
    @Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint,
    private readonly redis: RedisService,
    private readonly queue: JobQueue,
    private readonly workers: JobWorkers,
    private readonly http: HttpLifecycle,
  ) {}

  private inFlight?: Promise<HealthReportDto>;

  /**
   * Callers that arrive while a check is running share its result (single flight): a burst of
   * probes costs the dependencies one round of checks, and no answer is older than one check.
   */
  report(): Promise<HealthReportDto> {
    this.inFlight ??= this.check().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async check(): Promise<HealthReportDto> {
    const [database, redis, queue, disk] = await Promise.all([
      this.database(),
      this.redisCheck(),
      this.queueCheck(),
      this.disk(),
    ]);
    const checks: Record<string, CheckResultDto> = { database, queue, disk, memory: this.memory() };
    if (redis) checks.redis = redis;
    const values = Object.values(checks);
    const status = values.some((c) => c.critical && c.status === 'down')
      ? 'down'
      : values.some((c) => c.status === 'down')
        ? 'degraded'
        : 'ok';
    return { status, timestamp: new Date().toISOString(), checks };
  }

  /** Ready to take traffic: the database answers and the process is not shutting down. */
  async readiness(): Promise<{ ready: boolean; database: CheckResultDto; shuttingDown: boolean }> {
    const database = await this.database();
    const shuttingDown = this.http.shuttingDown;
    return { ready: database.status === 'up' && !shuttingDown, database, shuttingDown };
  }

  private async database(): Promise<CheckResultDto> {
    return timed(true, { kind: this.endpoint.kind }, async () => {
      await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS);
    });
  }

  private async redisCheck(): Promise<CheckResultDto | undefined> {
    if (!this.redis.configured) return undefined;
    const result = await this.redis.ping(CHECK_TIMEOUT_MS);
    return {
      status: result.ok ? 'up' : 'down',
      critical: false,
      latencyMs: round(result.latencyMs),
      ...(result.error ? { error: result.error } : {}),
    };
  }

  private async queueCheck(): Promise<CheckResultDto> {
    const details: Record<string, unknown> = {
      backend: this.queue.backendKind,
      workersInProcess: this.workers.status,
    };
    return timed(false, details, async () => {
      const counts = await Promise.all(
        QUEUE_NAMES.map((name) => this.queue.counts(name, CHECK_TIMEOUT_MS)),
      );
      details.jobs = Object.fromEntries(QUEUE_NAMES.map((name, i) => [name, counts[i]]));
    });
  }

  private async disk(): Promise<CheckResultDto> {
    const details: Record<string, unknown> = { path: this.dataDir.path };
    const result = await timed(false, details, async () => {
      const stats = await statfs(this.dataDir.path);
      details.freeBytes = stats.bavail * stats.bsize;
      details.totalBytes = stats.blocks * stats.bsize;
    });
    if (result.status === 'up' && (details.freeBytes as number) < MIN_FREE_DISK_BYTES) {
      return { ...result, status: 'down', error: 'low disk space' };
    }
    return result;
  }

  private memory(): CheckResultDto {
    const usage = process.memoryUsage();
    const heapLimit = getHeapStatistics().heap_size_limit;
    const heapUse = usage.heapUsed / heapLimit;
    return {
      status: heapUse < MAX_HEAP_USE ? 'up' : 'down',
      critical: false,
      details: { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, heapLimitBytes: heapLimit },
      ...(heapUse < MAX_HEAP_USE ? {} : { error: 'heap nearly exhausted' }),
    };
  }
}

async function timed(
  critical: boolean,
  details: Record<string, unknown>,
  check: () => Promise<void>,
): Promise<CheckResultDto> {
  const started = performance.now();
  try {
    await check();
    return { status: 'up', critical, latencyMs: round(performance.now() - started), details };
  } catch (error) {
    return {
      status: 'down',
      critical,
      latencyMs: round(performance.now() - started),
      details,
      error: (error as Error).message,
    };
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
