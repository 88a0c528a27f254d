import { hostname } from 'node:os';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JobPayload, JobProcessor, JobResult } from '../../infra/queue/job-catalogue';
import { JobWorkers } from '../../infra/queue/job-workers.service';
import { QueueProbeRepository } from './queue-probe.repository';

/** Completes a queue probe in the database, so a probe proves queue, worker and database. */
@Injectable()
export class SystemPingProcessor implements JobProcessor<'system.ping'>, OnModuleInit {
  readonly jobName = 'system.ping' as const;

  constructor(
    private readonly workers: JobWorkers,
    private readonly probes: QueueProbeRepository,
  ) {}

  onModuleInit(): void {
    this.workers.register(this);
  }

  async process(payload: JobPayload<'system.ping'>): Promise<JobResult<'system.ping'>> {
    const processedBy = `${hostname()}:${process.pid}`;
    const processedAt = new Date();
    if (!(await this.probes.complete(payload.probeId, processedBy, processedAt))) {
      throw new Error(`probe ${payload.probeId} does not exist`);
    }
    return { probeId: payload.probeId, processedBy, processedAt: processedAt.toISOString() };
  }
}
