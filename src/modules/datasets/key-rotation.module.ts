import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { CoreModule } from '../../core.module';
import { DatasetsJobsModule } from './datasets-jobs.module';

/** What the key-rotation command needs: configuration, database, key ring; no HTTP, no workers. */
@Module({})
export class KeyRotationModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: KeyRotationModule,
      imports: [CoreModule.forRoot(config, { runWorkers: false }), DatasetsJobsModule],
    };
  }
}
