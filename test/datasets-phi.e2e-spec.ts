import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticRows } from '../scripts/fixtures/synthetic-conversations';
import type { ColumnShape } from '../src/modules/datasets/formats/format';
import { download, fileOf, upload, uploadReady } from './support/datasets';
import { startApp } from './support/test-app';

const chatColumns: ColumnShape[] = [
  { name: 'id', type: 'string' },
  { name: 'messages', type: 'array' },
];

// Its own file: nestjs-pino keeps the first logger of a process, and this test reads the logs.
describe('datasets and PHI', () => {
  it('a canary PHI string reaches neither the disk nor the logs', async () => {
    const canary = 'CANARY-PHI-7f3a9c Jane Doe 123-45-6789';
    const logs: string[] = [];
    const logged = { write: (line: string) => logs.push(line) };
    const traced = await startApp({ LOG_LEVEL: 'trace' }, { logDestination: logged });
    try {
      const rows = [...syntheticRows({ rows: 50, template: 'chatml', canary })];
      const bytes = await fileOf('jsonl', rows, chatColumns);
      expect(bytes.includes(Buffer.from(canary))).toBe(true);
      const dataset = await uploadReady(traced, bytes, { filename: 'canary.jsonl' });
      expect(dataset.status).toBe('ready');
      const malformed = Buffer.concat([bytes, Buffer.from(`{"broken": "${canary}"\n`)]);
      expect((await upload(traced, malformed, { filename: 'canary-bad.jsonl' })).status).toBe(400);
      await download(traced, `/api/datasets/${dataset.id}/download?format=csv`);
      await traced.request(`/api/datasets/${dataset.id}/preview`);
      const needle = Buffer.from('CANARY-PHI-7f3a9c');
      const files = readdirSync(traced.config.dataDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name));
      expect(files.length).toBeGreaterThan(0);
      expect(files.filter((file) => readFileSync(file).includes(needle))).toEqual([]);
      expect(logs.length).toBeGreaterThan(0);
      expect(logs.join('').includes('CANARY-PHI-7f3a9c')).toBe(false);
    } finally {
      await traced.close();
    }
  });
});
