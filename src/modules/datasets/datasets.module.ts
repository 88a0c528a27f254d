import { Module } from '@nestjs/common';
import { DatasetsController } from './datasets.controller';
import { DatasetsJobsModule } from './datasets-jobs.module';
import { DatasetsService } from './datasets.service';

@Module({
  imports: [DatasetsJobsModule],
  controllers: [DatasetsController],
  providers: [DatasetsService],
})
export class DatasetsModule {}
