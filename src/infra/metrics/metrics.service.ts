import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry: default process metrics, HTTP request durations by route and
 * status, and an event-loop delay monitor for the JSON metrics view. One registry per application
 * instance, so several instances in one process (tests) do not share counters.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly eventLoopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
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

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  onModuleDestroy(): void {
    this.eventLoopDelay.disable();
  }
}
