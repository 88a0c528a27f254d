import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { rotateKeys } from '../scripts/rotate-keys';
import { syntheticRows } from '../scripts/fixtures/synthetic-conversations';
import type { ColumnShape } from '../src/modules/datasets/formats/format';
import { download, fileOf, storedObjects, upload, uploadReady } from './support/datasets';
import { json, startApp, type TestApp, testConfig, tokenFor } from './support/test-app';

const columns: ColumnShape[] = [
  { name: 'id', type: 'string' },
  { name: 'messages', type: 'array' },
];
const sessions = (rows: number, seed: number) =>
  fileOf('jsonl', [...syntheticRows({ rows, template: 'chatml', seed })], columns);

/** Reads a download to the end; resolves with the bytes, or with the error that cut it. */
async function readDownload(app: TestApp, path: string) {
  const response = await fetch(app.url + path, {
    headers: { authorization: `Bearer ${tokenFor('viewer')}` },
  });
  try {
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  } catch (error) {
    return { status: response.status, error: error as Error };
  }
}

describe('dataset access, lifecycle and integrity', () => {
  let app: TestApp;
  let mine: string;

  beforeAll(async () => {
    app = await startApp();
    mine = (
      await uploadReady(app, await sessions(20, 1), { filename: 'mine.jsonl', tags: 'alpha' })
    ).id;
  });
  afterAll(() => app.close());

  it('viewers read but cannot upload, change or delete', async () => {
    expect((await app.request(`/api/datasets/${mine}`, { as: 'viewer' })).status).toBe(200);
    expect((await app.request('/api/datasets', { as: 'viewer' })).status).toBe(200);
    expect((await app.request(`/api/datasets/${mine}/preview`, { as: 'viewer' })).status).toBe(200);
    expect((await download(app, `/api/datasets/${mine}/download`, 'viewer')).response.status).toBe(
      200,
    );
    expect(
      (await upload(app, await sessions(2, 2), { as: 'viewer', filename: 'v.jsonl' })).status,
    ).toBe(403);
    expect(
      (
        await app.request(
          `/api/datasets/${mine}`,
          json({ name: 'x' }, { method: 'PUT', as: 'viewer' }),
        )
      ).status,
    ).toBe(403);
    expect(
      (await app.request(`/api/datasets/${mine}`, { method: 'DELETE', as: 'viewer' })).status,
    ).toBe(403);
  });

  it("users change their own datasets, not another user's; admins change any in their org", async () => {
    const other = tokenFor('user', { sub: 'user-2' });
    const denied = await app.request(
      `/api/datasets/${mine}`,
      json(
        { name: 'taken over' },
        { method: 'PUT', headers: { authorization: `Bearer ${other}` } },
      ),
    );
    expect(denied.status).toBe(403);
    const own = await app.request(
      `/api/datasets/${mine}`,
      json(
        { name: 'Intake sessions', tags: ['alpha', 'reviewed'], metadata: { source: 'clinic' } },
        { method: 'PUT', as: 'user' },
      ),
    );
    expect(own.status).toBe(200);
    expect(own.body.data).toMatchObject({
      name: 'Intake sessions',
      tags: ['alpha', 'reviewed'],
      metadata: { source: 'clinic' },
    });
    const admin = await app.request(
      `/api/datasets/${mine}`,
      json({ description: 'checked' }, { method: 'PUT', as: 'admin' }),
    );
    expect(admin.status).toBe(200);
    expect(admin.body.data.description).toBe('checked');
  });

  it('rejects bad updates with field details', async () => {
    const response = await app.request(
      `/api/datasets/${mine}`,
      json({ name: '', tags: ['ok', 'no/slash'], owner: 'me' }, { method: 'PUT', as: 'user' }),
    );
    expect(response.status).toBe(400);
    const fields = response.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['name', 'owner', 'tags']);
    expect((await app.request('/api/datasets/not-a-uuid', { as: 'user' })).status).toBe(400);
  });

  it('another organisation gets 404 on every route', async () => {
    const outsider = `Bearer ${tokenFor('admin', { org: 'other-org' })}`;
    const headers = { authorization: outsider };
    for (const [method, path] of [
      ['GET', `/api/datasets/${mine}`],
      ['GET', `/api/datasets/${mine}/preview`],
      ['GET', `/api/datasets/${mine}/download`],
      ['DELETE', `/api/datasets/${mine}`],
    ]) {
      const response = await app.request(path, { method, headers });
      expect([method, path, response.status]).toEqual([method, path, 404]);
    }
    const put = await app.request(
      `/api/datasets/${mine}`,
      json({ name: 'x' }, { method: 'PUT', headers }),
    );
    expect(put.status).toBe(404);
    const list = await app.request('/api/datasets', { headers });
    expect(list.body.data.map((d: { id: string }) => d.id)).not.toContain(mine);
  });

  it('lists with search, filters, sorting and pagination', async () => {
    // Unique per run, so a database shared with earlier runs holds no other match.
    const run = randomBytes(4).toString('hex');
    const csv = await uploadReady(app, Buffer.from('question,answer\nhi,hello\n'), {
      filename: 'tiny.csv',
      name: `Tiny 100% sample ${run}`,
      tags: `beta-${run}`,
    });
    const list = (query: string) => app.request(`/api/datasets?${query}`, { as: 'viewer' });
    const search = encodeURIComponent(`100% sample ${run}`);
    expect((await list(`search=${search}`)).body.data.map((d: { id: string }) => d.id)).toEqual([
      csv.id,
    ]);
    expect(
      (await list('format=csv')).body.data.every((d: { format: string }) => d.format === 'csv'),
    ).toBe(true);
    expect((await list(`tag=beta-${run}`)).body.data.map((d: { id: string }) => d.id)).toEqual([
      csv.id,
    ]);
    expect((await list('status=ready&limit=1&page=1')).body.meta.pagination).toMatchObject({
      limit: 1,
      page: 1,
    });
    const byName = (await list('sort=name&order=asc&limit=100')).body.data.map(
      (d: { name: string }) => d.name,
    );
    expect(byName).toEqual(
      [...byName].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    expect((await list('format=xlsx')).status).toBe(400);
    expect((await list('limit=101')).status).toBe(400);
  });

  it('detects a corrupted or truncated stored file on download instead of sending wrong bytes', async () => {
    const bytes = await sessions(2000, 3);
    const corrupted = (await uploadReady(app, bytes, { filename: 'c.jsonl' })).id;
    const truncated = (await uploadReady(app, bytes, { filename: 't.jsonl' })).id;
    const objects = join(app.config.dataDir, 'objects');
    const fd = openSync(join(objects, corrupted), 'r+');
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, 300_000);
    writeSync(fd, Buffer.from([byte[0] ^ 0xff]), 0, 1, 300_000);
    closeSync(fd);
    truncateSync(join(objects, truncated), statSync(join(objects, truncated)).size - 1000);
    for (const id of [corrupted, truncated]) {
      const result = await readDownload(app, `/api/datasets/${id}/download`);
      expect(result.bytes?.equals(bytes)).not.toBe(true);
      expect(result.error ?? result.status !== 200).toBeTruthy();
    }
  });

  it('deletes the file and its key (204); the dataset is gone and the audit keeps the fact', async () => {
    const id = (await uploadReady(app, await sessions(10, 4), { filename: 'gone.jsonl' })).id;
    expect(existsSync(join(app.config.dataDir, 'objects', id))).toBe(true);
    const response = await app.request(`/api/datasets/${id}`, { method: 'DELETE', as: 'user' });
    expect(response.status).toBe(204);
    expect(existsSync(join(app.config.dataDir, 'objects', id))).toBe(false);
    expect((await app.request(`/api/datasets/${id}`, { as: 'user' })).status).toBe(404);
    const rows = await app.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM dataset WHERE id = $1', [id]);
    expect(rows[0].n).toBe(0);
    const audit = await app.request(`/api/audit/events?resourceId=${id}&action=deleteDataset`);
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]).toMatchObject({ outcome: 204, actorSub: 'user-1' });
    const uploadAudit = await app.request(
      `/api/audit/events?resourceId=${id}&action=uploadDataset`,
    );
    expect(uploadAudit.body.data).toHaveLength(1);
    expect(storedObjects(app.config.dataDir)).not.toContain(id);
  });
});

describe('key rotation', () => {
  it('re-wraps every data key under the new key; datasets stay readable without the old one', async () => {
    const run = randomBytes(4).toString('hex');
    const oldKey = `old-${run}:${randomBytes(32).toString('base64')}`;
    const newKey = `new-${run}:${randomBytes(32).toString('base64')}`;
    const first = await startApp({ ENCRYPTION_KEYS: oldKey });
    const dataDir = first.config.dataDir;
    const bytes = [await sessions(50, 5), await sessions(70, 6)];
    const ids: string[] = [];
    for (const file of bytes)
      ids.push((await uploadReady(first, file, { filename: 'k.jsonl' })).id);
    await first.close();

    const report = await rotateKeys(
      testConfig({ DATA_DIR: dataDir, ENCRYPTION_KEYS: `${newKey},${oldKey}` }),
    );
    expect(report.currentKeyId).toBe(`new-${run}`);
    expect(report.rewrapped).toBeGreaterThanOrEqual(2);
    expect(report.unreadable).not.toEqual(expect.arrayContaining(ids.slice(0, 1)));

    const second = await startApp({ DATA_DIR: dataDir, ENCRYPTION_KEYS: newKey });
    try {
      for (const [i, id] of ids.entries()) {
        const { response, bytes: downloaded } = await download(
          second,
          `/api/datasets/${id}/download`,
          'viewer',
        );
        expect(response.status).toBe(200);
        expect(downloaded.equals(bytes[i])).toBe(true);
      }
    } finally {
      await second.close();
    }
  });
});

describe('start-up clean-up', () => {
  it('removes files a crash left without a dataset row, once they are old enough', async () => {
    const first = await startApp();
    const dataDir = first.config.dataDir;
    const kept = (await uploadReady(first, await sessions(5, 9), { filename: 'kept.jsonl' })).id;
    await first.close();
    const objects = join(dataDir, 'objects');
    mkdirSync(objects, { recursive: true });
    const hourAgo = new Date(Date.now() - 3600_000);
    const oldOrphan = '7d1f7c1e-0000-4000-8000-00000000dead';
    const oldPartial = `.partial-${oldOrphan}-abc`;
    const recentOrphan = '7d1f7c1e-0000-4000-8000-00000000beef';
    for (const name of [oldOrphan, oldPartial, recentOrphan]) {
      writeFileSync(join(objects, name), randomBytes(100));
    }
    for (const name of [oldOrphan, oldPartial, kept])
      utimesSync(join(objects, name), hourAgo, hourAgo);

    const second = await startApp({ DATA_DIR: dataDir });
    try {
      const left = storedObjects(dataDir);
      expect(left).toContain(kept);
      expect(left).toContain(recentOrphan);
      expect(left).not.toContain(oldOrphan);
      expect(left).not.toContain(oldPartial);
      const { response } = await download(second, `/api/datasets/${kept}/download`, 'viewer');
      expect(response.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
