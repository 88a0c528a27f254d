import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { WORKER_MODULES } from './domain-modules';

/** The worker process: the domain modules' job processors, consuming the queues; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, { runWorkers: true }), ...WORKER_MODULES],
    };
  }
}
