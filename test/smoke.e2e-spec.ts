import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.setup';
import { loadConfig } from '../src/config/app-config';

it('boots', async () => {
  const app = await createApp(
    loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'x-')), LOG_LEVEL: 'silent' }),
  );
  const res = await app.inject({ method: 'GET', url: '/api/system/health' });
  expect(res.statusCode).toBe(200);
  await app.close();
});
