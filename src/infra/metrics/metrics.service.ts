import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const LOOP_RESOLUTION_MS = 20;

/**
 * The process's Prometheus registry: default process metrics, HTTP request durations by route and
 * status, and an event-loop delay monitor for the JSON metrics view. One registry per application
 * instance, so several instances in one process (tests) do not share counters.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly eventLoopDelay: IntervalHistogram = monitorEventLoopDelay({
    resolution: LOOP_RESOLUTION_MS,
  });
  private readonly startedAt = Date.now();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'techdeck_' });
    this.httpDuration = new Histogram({
      name: 'techdeck_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.eventLoopDelay.enable();
  }

  get uptimeSeconds(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  /** Event-loop lag since start: the sampling timer's delay beyond its own interval. */
  eventLoopLag(): { meanMs: number; p50Ms: number; p99Ms: number; maxMs: number } {
    const loop = this.eventLoopDelay;
    const lag = (ns: number) =>
      Math.max(0, Math.round((ns / 1e6 - LOOP_RESOLUTION_MS) * 100) / 100);
    return {
      meanMs: lag(loop.mean),
      p50Ms: lag(loop.percentile(50)),
      p99Ms: lag(loop.percentile(99)),
      maxMs: lag(loop.max),
    };
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  onModuleDestroy(): void {
    this.eventLoopDelay.disable();
  }
}
