import { Module } from '@nestjs/common';
import { HealthService } from './health.service';
import { QueueProbeService } from './queue-probe.service';
import { SystemController } from './system.controller';
import { SystemJobsModule } from './system-jobs.module';
import { SystemMetricsService } from './system-metrics.service';

@Module({
  imports: [SystemJobsModule],
  controllers: [SystemController],
  providers: [HealthService, SystemMetricsService, QueueProbeService],
})
export class SystemModule {}
