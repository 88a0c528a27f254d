import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JobPayload, JobProcessor, JobResult } from '../../infra/queue/job-catalogue';
import { JobWorkers } from '../../infra/queue/job-workers.service';
import { IntegrityError } from '../../infra/storage/encryption/chunked-cipher';
import { DatasetFiles } from './dataset-files';
import { DatasetsRepository } from './datasets.repository';
import { MalformedContentError, type ReadHints } from './formats/format';
import { readRows } from './formats/row-io';
import { DatasetProfiler } from './profiling/dataset-profiler';

/**
 * Profiles an uploaded dataset: `processing` becomes `ready` with row count, columns and
 * template, or `invalid` with the row and reason. Content never leaves the process.
 */
@Injectable()
export class DatasetProfileProcessor implements JobProcessor<'datasets.profile'>, OnModuleInit {
  readonly jobName = 'datasets.profile' as const;

  constructor(
    private readonly workers: JobWorkers,
    private readonly datasets: DatasetsRepository,
    private readonly files: DatasetFiles,
  ) {}

  onModuleInit(): void {
    this.workers.register(this);
  }

  async process({
    datasetId,
  }: JobPayload<'datasets.profile'>): Promise<JobResult<'datasets.profile'>> {
    const dataset = await this.datasets.findById(datasetId);
    if (!dataset) return { datasetId, status: 'deleted' };
    const hints = { encoding: dataset.encoding, delimiter: dataset.delimiter } as ReadHints;
    const profiler = new DatasetProfiler(dataset.format === 'csv');
    try {
      for await (const row of readRows(dataset.format, this.files.source(dataset), hints)) {
        profiler.add(row);
      }
    } catch (error) {
      const reason =
        error instanceof MalformedContentError
          ? error.message
          : error instanceof IntegrityError
            ? 'the stored file failed its integrity check (altered or truncated on disk)'
            : undefined;
      if (!reason) throw error;
      await this.datasets.markInvalid(datasetId, reason, new Date());
      return { datasetId, status: 'invalid' };
    }
    const profile = profiler.result();
    if (profile.rowCount === 0) {
      await this.datasets.markInvalid(datasetId, 'the file holds no rows', new Date());
      return { datasetId, status: 'invalid', rowCount: 0 };
    }
    await this.datasets.saveProfile(datasetId, profile, new Date());
    return { datasetId, status: 'ready', rowCount: profile.rowCount };
  }
}
