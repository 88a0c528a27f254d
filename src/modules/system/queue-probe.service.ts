import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiError } from '../../common/errors/api-error';
import { JobFailedError, JobQueue, JobTimeoutError } from '../../infra/queue/job-queue.service';
import type { QueueProbeResultDto } from './dto/queue-probe.dto';
import { QueueProbeRepository } from './queue-probe.repository';

@Injectable()
export class QueueProbeService {
  constructor(
    private readonly queue: JobQueue,
    private readonly probes: QueueProbeRepository,
  ) {}

  /** Sends a `system.ping` job through the queue and waits for a worker to complete it. */
  async probe(timeoutMs: number): Promise<QueueProbeResultDto> {
    const probeId = randomUUID();
    const requestedAt = new Date();
    const started = performance.now();
    await this.probes.create(probeId, requestedAt);
    const jobId = await this.queue.add('system.ping', {
      probeId,
      requestedAt: requestedAt.toISOString(),
    });
    try {
      const result = await this.queue.result('system.ping', jobId, timeoutMs);
      const stored = await this.probes.find(probeId);
      return {
        probeId,
        jobId,
        backend: this.queue.backendKind,
        processedBy: result.processedBy,
        completedAt: stored?.completedAt?.toISOString() ?? result.processedAt,
        roundTripMs: Math.round((performance.now() - started) * 10) / 10,
      };
    } catch (error) {
      const details = { jobId, backend: this.queue.backendKind };
      if (error instanceof JobTimeoutError) {
        throw new ApiError(
          'SERVICE_UNAVAILABLE',
          `No worker completed the probe within ${timeoutMs} ms`,
          details,
        );
      }
      if (error instanceof JobFailedError) {
        throw new ApiError('SERVICE_UNAVAILABLE', 'The worker failed the probe', details);
      }
      throw error;
    }
  }
}
