import type { Readable } from 'node:stream';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../common/errors/api-error';
import { DatasetFieldsDto } from './dto/dataset.dto';
import { UnsupportedContentError, UnusableContentError } from './formats/detect';
import { MalformedContentError } from './formats/format';
import type { StoredUpload } from './datasets.service';

const FIELD_NAMES = new Set(['name', 'description', 'tags', 'metadata']);
const MAX_METADATA_JSON = 16 * 1024;
const FILENAME_MAX = 255;

export interface ParsedUpload {
  upload: StoredUpload;
  fields: DatasetFieldsDto;
}

/**
 * Reads a multipart upload: the `file` part is handed to `store` as it streams in (one pass:
 * detection, checks, hash, encryption); the form fields may come before or after it. Anything
 * wrong (fields, content, limits, a client that goes away) discards what was stored.
 */
export async function parseUpload(
  request: FastifyRequest,
  store: (content: Readable, filename: string) => Promise<StoredUpload>,
  discard: (upload: StoredUpload) => Promise<void>,
): Promise<ParsedUpload> {
  if (!request.isMultipart()) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Upload a dataset as multipart/form-data with a "file" part',
    );
  }
  let upload: StoredUpload | undefined;
  let file: { truncated: boolean } | undefined;
  const raw: Record<string, string[]> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload) {
          part.file.resume();
          throw fieldError(part.fieldname, 'send exactly one file, in the part named "file"');
        }
        file = part.file;
        upload = await store(part.file, safeFilename(part.filename));
        continue;
      }
      if (!FIELD_NAMES.has(part.fieldname)) {
        throw fieldError(part.fieldname, `unknown field; expected ${[...FIELD_NAMES].join(', ')}`);
      }
      if (part.valueTruncated) throw fieldError(part.fieldname, 'the value is too long');
      (raw[part.fieldname] ??= []).push(String(part.value));
    }
    if (!upload) throw fieldError('file', 'a file is required');
    return { upload, fields: await validFields(raw) };
  } catch (error) {
    if (upload) await discard(upload);
    // At the size limit the file part ends early; the parse of the cut content may fail first.
    if (file?.truncated) throw tooLarge();
    throw uploadError(error);
  }
}

async function validFields(raw: Record<string, string[]>): Promise<DatasetFieldsDto> {
  for (const name of ['name', 'description', 'metadata']) {
    if ((raw[name]?.length ?? 0) > 1) throw fieldError(name, 'give this field once');
  }
  const candidate: Record<string, unknown> = {
    name: raw.name?.[0],
    description: raw.description?.[0],
    tags: raw.tags
      ?.flatMap((value) => value.split(','))
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
  };
  if (raw.metadata) candidate.metadata = parseMetadata(raw.metadata[0]);
  const fields = plainToInstance(DatasetFieldsDto, candidate);
  const problems = await validate(fields, { whitelist: true, forbidNonWhitelisted: true });
  if (problems.length > 0) {
    throw new ApiError(
      'VALIDATION_ERROR',
      'The upload form is invalid',
      problems.map((problem) => ({
        field: problem.property,
        messages: Object.values(problem.constraints ?? {}),
      })),
    );
  }
  return fields;
}

function parseMetadata(text: string): unknown {
  if (text.length > MAX_METADATA_JSON) throw fieldError('metadata', 'at most 16 KiB of JSON');
  try {
    return JSON.parse(text);
  } catch {
    throw fieldError('metadata', 'must be a JSON object');
  }
}

/** The name as the user's tools will show it: no directories, no control characters. */
function safeFilename(filename: string | undefined): string {
  const base = (filename ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c !== '"' && c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, FILENAME_MAX);
  return clean === '' ? 'dataset' : clean;
}

function tooLarge(): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', 'The file is larger than MAX_UPLOAD_BYTES allows');
}

function fieldError(field: string, message: string): ApiError {
  return new ApiError('VALIDATION_ERROR', `Field "${field}": ${message}`, [
    { field, messages: [message] },
  ]);
}

/** What the client is told about a failed upload (never any of its content). */
function uploadError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof UnsupportedContentError) {
    return new ApiError('UNSUPPORTED_MEDIA_TYPE', `Unsupported file: ${error.reason}`);
  }
  if (error instanceof UnusableContentError) {
    return new ApiError('VALIDATION_ERROR', `Unusable file: ${error.reason}`, [
      { field: 'file', messages: [error.reason] },
    ]);
  }
  if (error instanceof MalformedContentError) {
    return new ApiError('VALIDATION_ERROR', `Malformed file at row ${error.row}: ${error.reason}`, [
      { field: 'file', row: error.row, messages: [error.reason] },
    ]);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new ApiError('PAYLOAD_TOO_LARGE', 'The form has too many parts');
  }
  if (code === 'FST_PROTO_VIOLATION') {
    return new ApiError('VALIDATION_ERROR', 'The form has a forbidden field name');
  }
  return error;
}
