import { Module } from '@nestjs/common';
import { PiiHashKeys } from './pii-hash-keys';
import { PrivacyController } from './privacy.controller';
import { PiiScanWorkers, PrivacyService } from './privacy.service';

@Module({
  controllers: [PrivacyController],
  providers: [PrivacyService, PiiHashKeys, PiiScanWorkers],
  exports: [PrivacyService, PiiHashKeys],
})
export class PrivacyModule {}
