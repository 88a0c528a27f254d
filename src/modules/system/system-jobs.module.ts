import { Module } from '@nestjs/common';
import { QueueProbeRepository } from './queue-probe.repository';
import { SystemPingProcessor } from './system-ping.processor';

/** The system area's jobs and their storage: loaded by the API and by worker processes. */
@Module({
  providers: [QueueProbeRepository, SystemPingProcessor],
  exports: [QueueProbeRepository],
})
export class SystemJobsModule {}
