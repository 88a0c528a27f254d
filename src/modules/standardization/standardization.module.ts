import { Module } from '@nestjs/common';
import { StandardizationController } from './standardization.controller';
import { StandardizationService } from './standardization.service';

@Module({
  controllers: [StandardizationController],
  providers: [StandardizationService],
  exports: [StandardizationService],
})
export class StandardizationModule {}
