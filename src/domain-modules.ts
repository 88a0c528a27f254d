import { DatasetsJobsModule } from './modules/datasets/datasets-jobs.module';
import { DatasetsModule } from './modules/datasets/datasets.module';
import { BiasModule } from './modules/bias/bias.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { StandardizationModule } from './modules/standardization/standardization.module';
import { ValidationModule } from './modules/validation/validation.module';
import { SystemJobsModule } from './modules/system/system-jobs.module';
import { SystemModule } from './modules/system/system.module';

/** The API process: every domain module with its routes (and its jobs). */
export const API_MODULES = [
  SystemModule,
  DatasetsModule,
  StandardizationModule,
  ValidationModule,
  PrivacyModule,
  BiasModule,
];

/** Worker processes: the domain modules' job processors, no routes. */
export const WORKER_MODULES = [SystemJobsModule, DatasetsJobsModule];
