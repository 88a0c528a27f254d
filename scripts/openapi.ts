import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.setup';
import { loadConfig } from '../src/config/app-config';
import { buildOpenApiDocument, sortKeys } from '../src/openapi';

const TARGET = join(__dirname, '..', '..', 'openapi', 'openapi.json');

/**
 * `generate` writes openapi/openapi.json from the built application (the Swagger CLI plugin runs
 * at build time, so this must use the nest build output); `check` fails when the committed file
 * differs from what the code describes.
 */
async function main(mode: string): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'techdeck-openapi-'));
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  try {
    const text = `${JSON.stringify(sortKeys(buildOpenApiDocument(app)), null, 2)}\n`;
    if (mode === 'generate') {
      writeFileSync(TARGET, text);
      console.log(`wrote ${TARGET}`);
      return 0;
    }
    let committed = '';
    try {
      committed = readFileSync(TARGET, 'utf8');
    } catch {
      // a missing file is drift like any other
    }
    if (committed !== text) {
      console.error(
        'openapi/openapi.json is out of date: run npm run openapi:generate and commit it',
      );
      return 1;
    }
    console.log('openapi/openapi.json matches the code');
    return 0;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv[2] ?? 'check').then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
