import type { QueueCounts } from '../../../infra/queue/job-queue.service';

export class ProcessMetricsDto {
  pid: number;
  uptimeSeconds: number;
  nodeVersion: string;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
}

export class EventLoopMetricsDto {
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export class DatabasePoolMetricsDto {
  poolTotal: number;
  poolIdle: number;
  poolWaiting: number;
}

export class QueueMetricsDto {
  backend: 'redis' | 'postgres';
  workers: { running: boolean; queues: string[]; active: number };
  /** Job counts per queue by state; null when the queue backend did not answer. */
  queues: Record<string, QueueCounts | null>;
}

export class SystemMetricsDto {
  process: ProcessMetricsDto;
  eventLoop: EventLoopMetricsDto;
  database: DatabasePoolMetricsDto;
  queue: QueueMetricsDto;
}
