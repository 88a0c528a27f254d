import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../src/modules/auth/principal';
import type { ColumnShape, DatasetFormat, Row } from '../../src/modules/datasets/formats/format';
import { writeRows } from '../../src/modules/datasets/formats/row-io';
import { tokenFor, type TestApp, type TestResponse } from './test-app';

export interface UploadOptions {
  filename?: string;
  name?: string;
  tags?: string;
  description?: string;
  as?: Role;
  token?: string;
}

/** POST /api/datasets with a multipart form, as the browser client sends it. */
export function upload(
  app: TestApp,
  bytes: Buffer,
  options: UploadOptions = {},
): Promise<TestResponse> {
  const form = new FormData();
  form.set('name', options.name ?? 'Synthetic sessions');
  if (options.tags) form.set('tags', options.tags);
  if (options.description) form.set('description', options.description);
  form.set('file', new Blob([bytes]), options.filename ?? 'dataset.csv');
  const headers = options.token ? { authorization: `Bearer ${options.token}` } : undefined;
  return app.request('/api/datasets', {
    method: 'POST',
    body: form,
    as: options.as ?? 'user',
    headers,
  });
}

/** Polls the dataset until profiling has finished (the job runs in the background). */
export async function profiled(app: TestApp, id: string, as: Role = 'user'): Promise<TestResponse> {
  for (;;) {
    const response = await app.request(`/api/datasets/${id}`, { as });
    if (response.status !== 200 || response.body.data.status !== 'processing') return response;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Uploads and waits for the profile; fails the test on any other outcome. */
export async function uploadReady(app: TestApp, bytes: Buffer, options: UploadOptions = {}) {
  const created = await upload(app, bytes, options);
  if (created.status !== 201) throw new Error(`upload answered ${created.status}: ${created.text}`);
  const done = await profiled(app, created.body.data.id, options.as ?? 'user');
  return done.body.data;
}

/** GET as bytes (downloads are not JSON). */
export async function download(
  app: TestApp,
  path: string,
  as: Role = 'viewer',
  claims: { sub?: string; org?: string } = {},
) {
  const response = await fetch(app.url + path, {
    headers: { authorization: `Bearer ${tokenFor(as, claims)}` },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

export async function fileOf(
  format: DatasetFormat,
  rows: Row[],
  columns: ColumnShape[],
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of writeRows(
    format,
    (async function* () {
      yield* rows;
    })(),
    columns,
  ))
    parts.push(part);
  return Buffer.concat(parts);
}

/** The files in the object store (encrypted datasets and partial uploads). */
export function storedObjects(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'objects'));
  } catch {
    return [];
  }
}
