import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

export class QueueProbeRequestDto {
  /** How long to wait for a worker to complete the probe, in milliseconds. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(30_000)
  timeoutMs?: number = DEFAULT_PROBE_TIMEOUT_MS;
}

export class QueueProbeResultDto {
  probeId: string;
  jobId: string;
  /** Where the queue lives: `redis`, or `postgres` (the service's own database). */
  backend: 'redis' | 'postgres';
  /** host:pid of the worker that ran the job. */
  processedBy: string;
  completedAt: string;
  /** From enqueue to the result being back in the API, in milliseconds. */
  roundTripMs: number;
}
