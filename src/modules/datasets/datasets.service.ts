import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Page } from '../../common/envelope/envelope';
import { ApiError } from '../../common/errors/api-error';
import { JobQueue } from '../../infra/queue/job-queue.service';
import type { Principal } from '../auth/principal';
import { DatasetFiles } from './dataset-files';
import { DatasetsRepository } from './datasets.repository';
import type {
  DatasetDto,
  DatasetFieldsDto,
  DatasetPreviewDto,
  DatasetQueryDto,
  UpdateDatasetDto,
} from './dto/dataset.dto';
import type { Dataset } from './entities/dataset.entity';
import type { DetectedFormat } from './formats/detect';
import { type DatasetFormat, type ReadHints, type Row } from './formats/format';
import { rowJson } from './formats/json';
import { checkParquet } from './formats/parquet';
import { RowCheckPool } from './formats/row-check';
import { readRows, writeRows } from './formats/row-io';
import { UploadInspector } from './formats/upload-inspector';

/** A file that was stored and checked; it becomes a dataset with `create`, or is discarded. */
export interface StoredUpload {
  id: string;
  filename: string;
  detected: DetectedFormat;
  sizeBytes: number;
  sha256: string;
  keyId: string;
  wrappedKey: string;
}

export interface DatasetDownload {
  filename: string;
  contentType: string;
  content: Readable;
  /** Known in advance for the original bytes; for a conversion, once the stream has ended. */
  sizeBytes?: number;
  sha256?: string;
  converted: boolean;
}

/** Orphaned files younger than this may belong to an upload in flight in another process. */
const ORPHAN_MIN_AGE_MS = 15 * 60 * 1000;

const CONTENT_TYPES: Record<DatasetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
};

@Injectable()
export class DatasetsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DatasetsService.name);
  /** Uploads are parsed in worker threads, beside multipart, hashing and encryption. */
  private readonly rowChecks = new RowCheckPool();

  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly files: DatasetFiles,
    private readonly jobs: JobQueue,
  ) {}

  /** Removes files a crash left without a dataset row. */
  async onApplicationBootstrap(): Promise<void> {
    const removed = await this.files.removeOrphans(
      (ids) => this.datasets.existingIds(ids),
      ORPHAN_MIN_AGE_MS,
    );
    if (removed > 0) this.logger.warn(`removed ${removed} orphaned dataset files`);
  }

  onModuleDestroy(): Promise<void> {
    return this.rowChecks.close();
  }

  /**
   * Streams an upload once through format detection, parsing checks, SHA-256 and encryption
   * into the store. Rejected content leaves nothing behind (the store removes its partial file).
   */
  async store(content: Readable, filename: string): Promise<StoredUpload> {
    const id = randomUUID();
    const inspector = new UploadInspector(filename, (detected) => this.rowChecks.check(detected));
    const inspected = new PassThrough();
    const flowing = pipeline(content, inspector, inspected);
    // Both sides settle before the caller answers: a refusal is sent only once the store has
    // removed its partial file, so nothing of the upload is left when the client hears back.
    const [writing, inspecting] = await Promise.allSettled([
      this.files.write(id, inspected, async (object) => {
        if (inspector.detected?.format === 'parquet') await checkParquet(object);
      }),
      flowing,
    ]);
    if (inspecting.status === 'rejected') {
      if (writing.status === 'fulfilled') await this.files.delete(id);
      throw inspecting.reason;
    }
    if (writing.status === 'rejected') throw writing.reason;
    const stored = writing.value;
    const detected = inspector.detected;
    if (!detected) throw new Error('upload ended before its format was detected');
    return {
      id,
      filename,
      detected,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      keyId: stored.wrappedKey.keyId,
      wrappedKey: stored.wrappedKey.wrapped,
    };
  }

  /** Removes a stored upload that will not become a dataset. */
  discard(upload: StoredUpload): Promise<void> {
    return this.files.delete(upload.id);
  }

  /**
   * The dataset row for a stored upload, and its profiling job. If either cannot be written the
   * file and row go again, so a dataset exists whole or not at all.
   */
  async create(
    owner: Principal,
    upload: StoredUpload,
    fields: DatasetFieldsDto,
  ): Promise<DatasetDto> {
    let created: Dataset | undefined;
    try {
      created = await this.datasets.insert({
        id: upload.id,
        org: owner.org,
        ownerSub: owner.sub,
        name: fields.name.trim(),
        description: fields.description ?? null,
        tags: [...new Set(fields.tags ?? [])],
        metadata: fields.metadata ?? {},
        format: upload.detected.format,
        originalFilename: upload.filename,
        encoding: upload.detected.encoding ?? null,
        delimiter: upload.detected.delimiter ?? null,
        sizeBytes: String(upload.sizeBytes),
        sha256: upload.sha256,
        keyId: upload.keyId,
        wrappedKey: upload.wrappedKey,
        status: 'processing',
        statusReason: null,
        rowCount: null,
        columns: null,
        template: null,
        templateConfidence: null,
        qualityScore: null,
        biasScore: null,
        profiledAt: null,
      });
      await this.enqueueProfile(upload.id);
      return toDto(created);
    } catch (error) {
      if (created) await this.datasets.delete(upload.id);
      await this.discard(upload);
      throw error;
    }
  }

  async list(principal: Principal, query: DatasetQueryDto): Promise<Page<DatasetDto>> {
    const [datasets, total] = await this.datasets.list(principal.org, query);
    return new Page(datasets.map(toDto), query.page, query.limit, total);
  }

  async get(principal: Principal, id: string): Promise<DatasetDto> {
    return toDto(await this.visible(principal, id));
  }

  async preview(principal: Principal, id: string, limit: number): Promise<DatasetPreviewDto> {
    const dataset = await this.visible(principal, id);
    if (dataset.status === 'invalid') {
      throw new ApiError('CONFLICT', `Dataset ${id} is invalid: ${dataset.statusReason}`);
    }
    const rows: Row[] = [];
    const columns = new Set<string>(dataset.columns?.map((column) => column.name));
    for await (const row of readRows(
      dataset.format,
      this.files.source(dataset),
      hintsOf(dataset),
    )) {
      rows.push(JSON.parse(rowJson(row)) as Row);
      for (const name of Object.keys(row)) columns.add(name);
      if (rows.length >= limit) break;
    }
    return { datasetId: id, columns: [...columns], rows };
  }

  async update(principal: Principal, id: string, changes: UpdateDatasetDto): Promise<DatasetDto> {
    const dataset = await this.changeable(principal, id);
    const updated = await this.datasets.update(dataset.id, {
      ...(changes.name !== undefined && { name: changes.name.trim() }),
      ...(changes.description !== undefined && { description: changes.description }),
      ...(changes.tags !== undefined && { tags: [...new Set(changes.tags)] }),
      ...(changes.metadata !== undefined && { metadata: changes.metadata }),
    });
    if (!updated) throw ApiError.notFound('Dataset', id);
    return toDto(updated);
  }

  /** Right to deletion: the row with its wrapped data key goes, then the encrypted file. */
  async delete(principal: Principal, id: string): Promise<void> {
    const dataset = await this.changeable(principal, id);
    await this.datasets.delete(dataset.id);
    await this.files.delete(dataset.id);
  }

  async download(
    principal: Principal,
    id: string,
    format: DatasetFormat | undefined,
  ): Promise<DatasetDownload> {
    const dataset = await this.visible(principal, id);
    const base = dataset.originalFilename.replace(/\.[^.]*$/, '') || 'dataset';
    if (!format || format === dataset.format) {
      return {
        filename: dataset.originalFilename,
        contentType: CONTENT_TYPES[dataset.format],
        content: this.files.source(dataset).stream() as Readable,
        sizeBytes: Number(dataset.sizeBytes),
        sha256: dataset.sha256,
        converted: false,
      };
    }
    if (dataset.status !== 'ready' || !dataset.columns) {
      throw new ApiError(
        'CONFLICT',
        dataset.status === 'invalid'
          ? `Dataset ${id} is invalid and cannot be converted: ${dataset.statusReason}`
          : `Dataset ${id} is still being profiled; it can be converted once it is ready`,
      );
    }
    const rows = readRows(dataset.format, this.files.source(dataset), hintsOf(dataset));
    return {
      filename: `${base}.${format}`,
      contentType: CONTENT_TYPES[format],
      // A malformed row ends the stream with an error (the client sees a cut, not wrong bytes).
      content: Readable.from(writeRows(format, rows, dataset.columns), { objectMode: false }),
      converted: true,
    };
  }

  private async enqueueProfile(id: string): Promise<void> {
    await this.jobs.add(
      'datasets.profile',
      { datasetId: id },
      { attempts: 3, jobId: `profile-${id}` },
    );
  }

  private async visible(principal: Principal, id: string): Promise<Dataset> {
    const dataset = await this.datasets.findInOrg(principal.org, id);
    if (!dataset) throw ApiError.notFound('Dataset', id);
    return dataset;
  }

  /** Users change their own datasets; admins any in their organisation. */
  private async changeable(principal: Principal, id: string): Promise<Dataset> {
    const dataset = await this.visible(principal, id);
    if (principal.role !== 'admin' && dataset.ownerSub !== principal.sub) {
      throw new ApiError('AUTHORIZATION_FAILED', 'Only the owner or an admin can change a dataset');
    }
    return dataset;
  }
}

function hintsOf(dataset: Dataset): ReadHints {
  return { encoding: dataset.encoding, delimiter: dataset.delimiter } as ReadHints;
}

function toDto(dataset: Dataset): DatasetDto {
  return {
    id: dataset.id,
    name: dataset.name,
    description: dataset.description,
    tags: dataset.tags,
    metadata: dataset.metadata,
    format: dataset.format,
    originalFilename: dataset.originalFilename,
    encoding: dataset.encoding,
    delimiter: dataset.delimiter,
    sizeBytes: Number(dataset.sizeBytes),
    sha256: dataset.sha256,
    status: dataset.status,
    statusReason: dataset.statusReason,
    rowCount: dataset.rowCount === null ? null : Number(dataset.rowCount),
    columns: dataset.columns,
    template: dataset.template as DatasetDto['template'],
    templateConfidence: dataset.templateConfidence,
    owner: dataset.ownerSub,
    qualityScore: dataset.qualityScore,
    biasScore: dataset.biasScore,
    createdAt: dataset.createdAt.toISOString(),
    updatedAt: dataset.updatedAt.toISOString(),
    profiledAt: dataset.profiledAt?.toISOString() ?? null,
  };
}
