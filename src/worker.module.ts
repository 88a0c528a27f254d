import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { DOMAIN_MODULES } from './domain-modules';

/** The worker process: the same domain modules, consuming the job queues, no HTTP routes. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, { runWorkers: true }), ...DOMAIN_MODULES],
    };
  }
}
