import 'reflect-metadata';
import { loadConfig } from '../../config/app-config';
import { createDataSource } from './data-source.factory';
import { openDatabaseEndpoint } from './database-endpoint';

/**
 * The data source the TypeORM CLI (migration:generate / run / revert) works on: DATABASE_URL, or
 * the embedded database in DATA_DIR. Destroying it also stops the embedded database.
 */
async function cliDataSource() {
  const config = loadConfig();
  const endpoint = await openDatabaseEndpoint(config);
  const dataSource = createDataSource(endpoint.connectionString, 2);
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await endpoint.close();
  };
  return dataSource;
}

export default cliDataSource();
