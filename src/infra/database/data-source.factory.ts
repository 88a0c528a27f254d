import { join } from 'node:path';
import { DataSource } from 'typeorm';
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
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
  });
}
