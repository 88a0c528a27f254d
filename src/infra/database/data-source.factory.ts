import { join } from 'node:path';
import { DataSource, type Migration } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

const ROOT = join(__dirname, '..', '..', '..');
const SOURCE_EXTENSION = __filename.endsWith('.ts') ? 'ts' : 'js';

/** Entities are found by file name in every module, migrations in migrations/ at the root. */
export const ENTITY_GLOB = join(
  ROOT,
  'src',
  'modules',
  '**',
  'entities',
  `*.entity.${SOURCE_EXTENSION}`,
);
export const MIGRATION_GLOB = join(ROOT, 'migrations', `*.${SOURCE_EXTENSION}`);

export function createDataSource(connectionString: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url: connectionString,
    entities: [ENTITY_GLOB],
    migrations: [MIGRATION_GLOB],
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
  });
}

/** Any fixed number; all processes of the service agree on it. */
const MIGRATION_LOCK_ID = 0x7ec4de0c;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so several API and worker processes
 * starting together apply each migration once.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}
