import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { QUEUE_NAMES } from '../../infra/queue/job-catalogue';
import { JobQueue, type QueueCounts } from '../../infra/queue/job-queue.service';
import { JobWorkers } from '../../infra/queue/job-workers.service';
import { MetricsService } from '../../infra/metrics/metrics.service';
import type { SystemMetricsDto } from './dto/system-metrics.dto';

interface PoolFigures {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

@Injectable()
export class SystemMetricsService implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly queue: JobQueue,
    private readonly workers: JobWorkers,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const queue = this.queue;
    new Gauge({
      name: 'techdeck_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.metrics.registry],
      async collect() {
        for (const name of QUEUE_NAMES) {
          const counts = await queue.counts(name).catch(() => undefined);
          for (const [state, value] of Object.entries(counts ?? {})) {
            this.set({ queue: name, state }, value);
          }
        }
      },
    });
  }

  prometheus(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  get prometheusContentType(): string {
    return this.metrics.registry.contentType;
  }

  async snapshot(): Promise<SystemMetricsDto> {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    const queues: Record<string, QueueCounts | null> = {};
    for (const name of QUEUE_NAMES) queues[name] = await this.queue.counts(name).catch(() => null);
    const pool = (this.dataSource.driver as unknown as { master?: PoolFigures }).master;
    return {
      process: {
        pid: process.pid,
        uptimeSeconds: Math.round(this.metrics.uptimeSeconds),
        nodeVersion: process.version,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        externalBytes: memory.external,
        cpuUserSeconds: cpu.user / 1e6,
        cpuSystemSeconds: cpu.system / 1e6,
      },
      eventLoop: this.metrics.eventLoopLag(),
      database: {
        poolTotal: pool?.totalCount ?? 0,
        poolIdle: pool?.idleCount ?? 0,
        poolWaiting: pool?.waitingCount ?? 0,
      },
      queue: { backend: this.queue.backendKind, workers: this.workers.status, queues },
    };
  }
}
