import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Worker } from 'bullmq';
import { settleWithin } from '../../common/async';
import { AppConfig } from '../../config/app-config';
import { type JobName, type JobProcessor, queueNameOf } from './job-catalogue';
import { QUEUE_BACKEND, RUN_WORKERS } from './queue.tokens';
import type { QueueBackend } from './queue-backend';

const READY_WAIT_MS = 2000;

/**
 * Consumer side: one BullMQ worker per queue, dispatching each job by name to the processor its
 * module registered. Runs in the worker process, and in the API process when it is told to.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap {
  private readonly logger = new Logger('JobWorkers');
  private readonly processors = new Map<JobName, JobProcessor<JobName>>();
  private readonly workers: Worker[] = [];
  private activeJobs = 0;

  constructor(
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    @Inject(RUN_WORKERS) private readonly runWorkers: boolean,
    private readonly config: AppConfig,
  ) {}

  register<N extends JobName>(processor: JobProcessor<N>): void {
    if (this.processors.has(processor.jobName)) {
      throw new Error(`a processor for ${processor.jobName} is already registered`);
    }
    this.processors.set(processor.jobName, processor as unknown as JobProcessor<JobName>);
  }

  get running(): boolean {
    return this.workers.length > 0;
  }

  get status() {
    return {
      running: this.running,
      queues: this.workers.map((w) => w.name),
      active: this.activeJobs,
    };
  }

  onApplicationBootstrap(): void {
    if (!this.runWorkers) return;
    const queues = new Set([...this.processors.keys()].map(queueNameOf));
    for (const queueName of queues) {
      const worker = this.backend.createWorker(
        queueName,
        (job: Job) => this.dispatch(job),
        this.config.workerConcurrency,
      );
      worker.on('error', (error) => this.logger.warn(`queue ${queueName}: ${error.message}`));
      worker.on('failed', (job, error) =>
        this.logger.warn(`job ${job?.name} ${job?.id} failed (${error.name})`),
      );
      void worker
        .run()
        .catch((error: Error) => this.logger.error(`worker stopped: ${error.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`consuming ${[...queues].join(', ')} on ${this.backend.kind}`);
  }

  /** Stops taking jobs and waits for the running ones to finish (graceful shutdown). */
  /** @param force do not wait for running jobs (the backend is unreachable, they cannot finish) */
  async close(force = false): Promise<void> {
    await Promise.allSettled(
      this.workers.map(async (worker) => {
        // A worker closed while still initialising opens connections after closing.
        await settleWithin(worker.waitUntilReady(), READY_WAIT_MS);
        await worker.close(force);
      }),
    );
    this.workers.length = 0;
  }

  private async dispatch(job: Job): Promise<unknown> {
    const processor = this.processors.get(job.name as JobName);
    if (!processor) throw new Error(`no processor for job ${job.name}`);
    this.activeJobs++;
    try {
      return await processor.process(job.data, {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
      });
    } finally {
      this.activeJobs--;
    }
  }
}
