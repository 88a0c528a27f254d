import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, runMigrations } from '../src/infra/database/data-source.factory';
import { openDatabaseEndpoint } from '../src/infra/database/database-endpoint';

/**
 * Fails when the entities need a migration that does not exist yet: runs every migration on a
 * database (DATABASE_URL, which should be a fresh one, or a new embedded one), then asks TypeORM
 * which statements would still be needed to match the entities.
 */
async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'techdeck-migration-check-'));
  const endpoint = await openDatabaseEndpoint({ databaseUrl, dataDir });
  const dataSource = createDataSource(endpoint.connectionString, 2);
  try {
    await dataSource.initialize();
    const applied = await runMigrations(dataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    console.log(`migration:check on ${endpoint.kind}: ${applied.length} migration(s) applied`);
    if (pending.upQueries.length > 0) {
      console.error(
        'The entities need a new migration (npm run migration:generate -- migrations/Name):',
      );
      for (const query of pending.upQueries) console.error(`  ${query.query}`);
      return 1;
    }
    console.log('Entities and migrations agree.');
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await endpoint.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
