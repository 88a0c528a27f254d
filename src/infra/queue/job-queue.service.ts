import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue, QueueEvents } from 'bullmq';
import { ApiError } from '../../common/errors/api-error';
import { settleWithin, withTimeout } from '../../common/async';
import { type JobName, type JobPayload, type JobResult, queueNameOf } from './job-catalogue';
import { QUEUE_BACKEND } from './queue.tokens';
import type { QueueBackend } from './queue-backend';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

/** Redis events carry return values as JSON text; the PostgreSQL backend as values. */
function parseReturnValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Enqueueing is one round trip to the backend; past this it is treated as unreachable. */
const ADD_TIMEOUT_MS = 5000;
const READY_WAIT_MS = 2000;
const POLL_INTERVAL_MS = 500;

export class JobTimeoutError extends Error {}
export class JobFailedError extends Error {}

/** Producer side of the job queues: typed enqueue, waiting for a result, and queue figures. */
@Injectable()
export class JobQueue {
  private readonly queues = new Map<string, Queue>();
  private readonly events = new Map<string, QueueEvents>();

  constructor(@Inject(QUEUE_BACKEND) private readonly backend: QueueBackend) {}

  get backendKind() {
    return this.backend.kind;
  }

  async add<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options: { attempts?: number; removeOnCompleteAgeSeconds?: number; jobId?: string } = {},
  ): Promise<string> {
    if (!this.backend.available()) throw this.unavailable('not connected');
    const adding = this.queue(queueNameOf(name)).add(name, payload, {
      jobId: options.jobId,
      attempts: options.attempts ?? 1,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: options.removeOnCompleteAgeSeconds ?? 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    const job = await withTimeout(adding, ADD_TIMEOUT_MS).catch((error: Error) => {
      throw this.unavailable(error.message);
    });
    if (!job.id) throw new Error(`queue did not assign an id to ${name}`);
    return job.id;
  }

  /**
   * Resolves with the job's result once a worker finished it; rejects on failure or timeout.
   * The job's completion event answers at once; a slow poll of its state covers an event
   * published before this process's event reader was listening (BullMQ reads new events only).
   * Every listener and timer is gone when this returns.
   */
  async result<N extends JobName>(
    name: N,
    jobId: string,
    timeoutMs: number,
  ): Promise<JobResult<N>> {
    const queueName = queueNameOf(name);
    const queue = this.queue(queueName);
    const events = this.queueEvents(queueName);
    const done = new AbortController();
    const byEvent = new Promise<unknown>((resolve, reject) => {
      const completed = (args: { jobId: string; returnvalue: unknown }) => {
        if (args.jobId === jobId) resolve(parseReturnValue(args.returnvalue));
      };
      const failed = (args: { jobId: string; failedReason: string }) => {
        if (args.jobId === jobId) reject(new JobFailedError(args.failedReason));
      };
      events.on('completed', completed);
      events.on('failed', failed);
      done.signal.addEventListener('abort', () => {
        events.off('completed', completed);
        events.off('failed', failed);
      });
    });
    const byTimeout = sleep(timeoutMs, undefined, { signal: done.signal }).then(() => {
      throw new JobTimeoutError(`job ${jobId} did not finish within ${timeoutMs} ms`);
    });
    const byPoll = this.pollUntilFinished(queue, jobId, done.signal);
    for (const outcome of [byEvent, byTimeout, byPoll]) outcome.catch(() => undefined);
    try {
      return (await Promise.race([byEvent, byTimeout, byPoll])) as JobResult<N>;
    } finally {
      done.abort();
    }
  }

  /** Checks the job's state now and then every POLL_INTERVAL_MS. */
  private async pollUntilFinished(queue: Queue, jobId: string, signal: AbortSignal) {
    for (;;) {
      // A failed look-up is left to the next turn; the event or the timeout decides meanwhile.
      const state = await queue.getJobState(jobId).catch(() => 'unknown');
      if (state === 'completed' || state === 'failed') {
        const job = await queue.getJob(jobId);
        if (state === 'failed') throw new JobFailedError(job?.failedReason ?? 'failed');
        return job?.returnvalue as unknown;
      }
      if (state === 'unknown' && !(await queue.getJob(jobId).catch(() => true))) {
        throw new JobFailedError(`job ${jobId} not found`);
      }
      await sleep(POLL_INTERVAL_MS, undefined, { signal });
    }
  }

  async counts(queueName: string, timeoutMs = 1000): Promise<QueueCounts> {
    if (!this.backend.available()) throw this.unavailable('not connected');
    const counts = await withTimeout(
      this.queue(queueName).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed'),
      timeoutMs,
    );
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async close(): Promise<void> {
    // Closing one that is still initialising would leave connections opened after the close.
    const close = async (closable: QueueEvents | Queue) => {
      await settleWithin(closable.waitUntilReady(), READY_WAIT_MS);
      await closable.close();
    };
    await Promise.allSettled([...this.events.values()].map(close));
    await Promise.allSettled([...this.queues.values()].map(close));
  }

  private unavailable(reason: string): ApiError {
    return new ApiError('SERVICE_UNAVAILABLE', 'The job queue is unavailable', {
      backend: this.backend.kind,
      reason,
    });
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.backend.createQueue(name);
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  private queueEvents(name: string): QueueEvents {
    let events = this.events.get(name);
    if (!events) {
      events = this.backend.createQueueEvents(name);
      events.on('error', () => undefined);
      // Every caller waiting on a job's result listens for completions and failures.
      events.setMaxListeners(1000);
      this.events.set(name, events);
    }
    return events;
  }
}
