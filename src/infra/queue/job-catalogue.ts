/**
 * Every background job the service runs: job name (`area.action`) to payload and result types.
 * The part before the dot names the queue the job travels on.
 */
export interface JobCatalogue {
  /** Round trip through queue, worker and database; proves the job path is alive. */
  'system.ping': {
    payload: { probeId: string; requestedAt: string };
    result: { probeId: string; processedBy: string; processedAt: string };
  };
  /** Reads an uploaded dataset through the decrypting reader and records its profile. */
  'datasets.profile': {
    payload: { datasetId: string };
    result: { datasetId: string; status: 'ready' | 'invalid' | 'deleted'; rowCount?: number };
  };
}

export type JobName = keyof JobCatalogue;
export type JobPayload<N extends JobName> = JobCatalogue[N]['payload'];
export type JobResult<N extends JobName> = JobCatalogue[N]['result'];

export const queueNameOf = (job: JobName): string => job.slice(0, job.indexOf('.'));

/** Every job name at run time; the compiler rejects a list that misses one of the catalogue. */
export const JOB_NAMES = ['system.ping', 'datasets.profile'] as const satisfies readonly JobName[];
const everyJobListed: Exclude<JobName, (typeof JOB_NAMES)[number]> extends never ? true : never =
  true;
void everyJobListed;

/** The queues the catalogue's jobs travel on. */
export const QUEUE_NAMES: readonly string[] = [...new Set(JOB_NAMES.map(queueNameOf))];

/** A domain class that runs one kind of job; registered with JobWorkers by its module. */
export interface JobProcessor<N extends JobName> {
  readonly jobName: N;
  process(
    payload: JobPayload<N>,
    context: { jobId: string; attempt: number },
  ): Promise<JobResult<N>>;
}
