import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { HttpModule } from './infra/http/http.module';
import { loggerOptions } from './infra/logger/logger.options';
import { MetricsModule } from './infra/metrics/metrics.module';
import { QueueModule } from './infra/queue/queue.module';
import { RedisModule } from './infra/redis/redis.module';

/** Infrastructure shared by the API and the worker process. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, options: { runWorkers: boolean }): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        DatabaseModule,
        RedisModule,
        MetricsModule,
        HttpModule,
        QueueModule.forRoot(options.runWorkers),
      ],
    };
  }
}
