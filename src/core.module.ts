import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { HttpModule } from './infra/http/http.module';
import { loggerOptions } from './infra/logger/logger.options';
import { MetricsModule } from './infra/metrics/metrics.module';
import { QueueModule } from './infra/queue/queue.module';
import { RedisModule } from './infra/redis/redis.module';
import { StorageModule } from './infra/storage/storage.module';

export interface CoreOptions {
  runWorkers: boolean;
  /** Where logs go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/** Infrastructure shared by the API and the worker process. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, options: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, options.logDestination)),
        DatabaseModule,
        RedisModule,
        MetricsModule,
        HttpModule,
        StorageModule,
        QueueModule.forRoot(options.runWorkers),
      ],
    };
  }
}
