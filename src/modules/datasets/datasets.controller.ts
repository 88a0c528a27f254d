import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Page } from '../../common/envelope/envelope';
import { RawResponse } from '../../common/envelope/raw-response.decorator';
import { ApiError } from '../../common/errors/api-error';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-responses.decorator';
import { Auth, CurrentPrincipal, RateLimit } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { parseUpload } from './dataset-upload';
import { DatasetsService } from './datasets.service';
import {
  DatasetDto,
  DatasetPreviewDto,
  DatasetQueryDto,
  DownloadQueryDto,
  PreviewQueryDto,
  UpdateDatasetDto,
  UploadDatasetDto,
} from './dto/dataset.dto';

const datasetId = new ParseUUIDPipe({
  exceptionFactory: () =>
    new ApiError('VALIDATION_ERROR', 'id must be a UUID', [
      { field: 'id', messages: ['must be a UUID'] },
    ]),
});

@ApiTags('datasets')
@Controller('datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  @Post()
  @Auth('user')
  @RateLimit('expensive')
  @ApiOperation({
    summary: 'Upload a dataset (CSV, JSON, JSON Lines or Parquet)',
    description:
      'multipart/form-data with `file` and `name` (`description`, `tags`, `metadata` optional). ' +
      'The file streams once through format detection (by content), parsing checks, SHA-256 ' +
      'and encryption. A malformed file is refused with its row number; nothing is kept of a ' +
      'refused or interrupted upload. Profiling runs in the background: `status` goes from ' +
      '`processing` to `ready` or `invalid`.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDatasetDto })
  @ApiEnvelope(201, DatasetDto)
  @ApiErrors(
    'VALIDATION_ERROR',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'SERVICE_UNAVAILABLE',
  )
  async uploadDataset(
    @CurrentPrincipal() owner: Principal,
    @Req() request: FastifyRequest,
  ): Promise<DatasetDto> {
    const { upload, fields } = await parseUpload(
      request,
      (content, filename) => this.datasets.store(content, filename),
      (stored) => this.datasets.discard(stored),
    );
    const dataset = await this.datasets.create(owner, upload, fields);
    (request as FastifyRequest & { auditResourceId?: string }).auditResourceId = dataset.id;
    return dataset;
  }

  @Get()
  @Auth('viewer')
  @ApiOperation({ summary: "The organisation's datasets: search, filter, sort, paginate" })
  @ApiEnvelope(200, DatasetDto, { isArray: true })
  @ApiErrors('VALIDATION_ERROR')
  listDatasets(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DatasetQueryDto,
  ): Promise<Page<DatasetDto>> {
    return this.datasets.list(principal, query);
  }

  @Get(':id')
  @Auth('viewer')
  @ApiOperation({ summary: 'A dataset with its profile (rows, columns, template, status)' })
  @ApiEnvelope(200, DatasetDto)
  @ApiErrors('VALIDATION_ERROR', 'NOT_FOUND')
  getDataset(
    @CurrentPrincipal() principal: Principal,
    @Param('id', datasetId) id: string,
  ): Promise<DatasetDto> {
    return this.datasets.get(principal, id);
  }

  @Get(':id/preview')
  @Auth('viewer')
  @ApiOperation({
    summary: 'The first rows of a dataset, parsed',
    description: 'Read from the encrypted file on demand; previews are never stored.',
  })
  @ApiEnvelope(200, DatasetPreviewDto)
  @ApiErrors('VALIDATION_ERROR', 'NOT_FOUND', 'CONFLICT')
  previewDataset(
    @CurrentPrincipal() principal: Principal,
    @Param('id', datasetId) id: string,
    @Query() query: PreviewQueryDto,
  ): Promise<DatasetPreviewDto> {
    return this.datasets.preview(principal, id, query.limit);
  }

  @Put(':id')
  @Auth('user')
  @ApiOperation({
    summary: "Change a dataset's name, description, tags or metadata",
    description: 'Users change their own datasets; admins any dataset of their organisation.',
  })
  @ApiEnvelope(200, DatasetDto)
  @ApiErrors('VALIDATION_ERROR', 'NOT_FOUND')
  updateDataset(
    @CurrentPrincipal() principal: Principal,
    @Param('id', datasetId) id: string,
    @Body() changes: UpdateDatasetDto,
  ): Promise<DatasetDto> {
    return this.datasets.update(principal, id, changes);
  }

  @Delete(':id')
  @Auth('user')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a dataset for good (right to deletion)',
    description:
      'The encrypted file and its wrapped data key are removed, so nothing can be decrypted ' +
      'again; the audit trail keeps the fact of the deletion, without content.',
  })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiErrors('VALIDATION_ERROR', 'NOT_FOUND')
  async deleteDataset(
    @CurrentPrincipal() principal: Principal,
    @Param('id', datasetId) id: string,
  ): Promise<void> {
    await this.datasets.delete(principal, id);
  }

  @Get(':id/download')
  @Auth('viewer')
  @RawResponse()
  @ApiOperation({
    summary: 'Download a dataset: the original bytes, or converted with ?format=',
    description:
      'Streams with Content-Disposition. The original carries X-Content-SHA256 (and ' +
      'Content-Length); a conversion is streamed as it is produced and carries X-Content-SHA256 ' +
      'as an HTTP trailer. A stored file that fails its integrity check ends the stream with an ' +
      'error instead of sending altered bytes.',
  })
  @ApiProduces(
    'text/csv',
    'application/json',
    'application/x-ndjson',
    'application/vnd.apache.parquet',
  )
  @ApiResponse({ status: 200, description: 'The file' })
  @ApiErrors('VALIDATION_ERROR', 'NOT_FOUND', 'CONFLICT')
  async downloadDataset(
    @CurrentPrincipal() principal: Principal,
    @Param('id', datasetId) id: string,
    @Query() query: DownloadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const download = await this.datasets.download(principal, id, query.format);
    reply.header('content-type', download.contentType);
    reply.header('content-disposition', contentDisposition(download.filename));
    reply.header('cache-control', 'no-store');
    if (download.sha256) reply.header('x-content-sha256', download.sha256);
    if (download.sizeBytes !== undefined) reply.header('content-length', download.sizeBytes);
    if (!download.converted) return new StreamableFile(download.content);
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    reply.trailer('x-content-sha256', async () => hash.digest('hex'));
    download.content.on('error', (error) => hashing.destroy(error));
    return new StreamableFile(download.content.pipe(hashing));
  }
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
