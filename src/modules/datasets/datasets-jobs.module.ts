import { Module } from '@nestjs/common';
import { DatasetFiles } from './dataset-files';
import { DatasetProfileProcessor } from './dataset-profile.processor';
import { DatasetsRepository } from './datasets.repository';
import { KeyRotation } from './key-rotation.service';

/** The datasets area's storage and jobs: loaded by the API and by worker processes. */
@Module({
  providers: [DatasetsRepository, DatasetFiles, DatasetProfileProcessor, KeyRotation],
  exports: [DatasetsRepository, DatasetFiles, KeyRotation],
})
export class DatasetsJobsModule {}
