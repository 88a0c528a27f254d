import { Module } from '@nestjs/common';
import { HealthService } from './health.service';
import { QueueProbeRepository } from './queue-probe.repository';
import { QueueProbeService } from './queue-probe.service';
import { SystemController } from './system.controller';
import { SystemMetricsService } from './system-metrics.service';
import { SystemPingProcessor } from './system-ping.processor';

@Module({
  controllers: [SystemController],
  providers: [
    HealthService,
    SystemMetricsService,
    QueueProbeService,
    QueueProbeRepository,
    SystemPingProcessor,
  ],
})
export class SystemModule {}
