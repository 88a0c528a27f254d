import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { createDataSource, runMigrations } from './data-source.factory';
import { type DatabaseEndpoint, openDatabaseEndpoint } from './database-endpoint';

export const DATABASE_ENDPOINT = Symbol('DATABASE_ENDPOINT');

/** Closes the data source, then the embedded database under it, in that order. */
@Injectable()
class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint,
  ) {}

  async onModuleInit(): Promise<void> {
    const [latest] = await this.dataSource.query(
      'SELECT name FROM schema_migration ORDER BY id DESC LIMIT 1',
    );
    this.logger.log(`${this.endpoint.kind} database ready, schema at ${latest?.name ?? 'none'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.endpoint.close();
    this.logger.log(`${this.endpoint.kind} database closed`);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DATABASE_ENDPOINT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        openDatabaseEndpoint({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          onEmbeddedCrash: (error) => {
            new Logger('Database').fatal(`${error.message}; exiting so the service restarts`);
            process.exit(1);
          },
        }),
    },
    {
      provide: DataSource,
      inject: [AppConfig, DATABASE_ENDPOINT],
      useFactory: async (config: AppConfig, endpoint: DatabaseEndpoint) => {
        const dataSource = createDataSource(endpoint.connectionString, config.databasePoolSize);
        try {
          await dataSource.initialize();
          await runMigrations(dataSource);
          return dataSource;
        } catch (error) {
          if (dataSource.isInitialized) await dataSource.destroy();
          await endpoint.close();
          throw error;
        }
      },
    },
    DatabaseLifecycle,
  ],
  exports: [DataSource, DATABASE_ENDPOINT],
})
export class DatabaseModule {}
