import { Module } from '@nestjs/common';
import { BiasController } from './bias.controller';
import { BiasService } from './bias.service';
import { ExternalBiasClient } from './external-bias.client';

@Module({
  controllers: [BiasController],
  providers: [BiasService, ExternalBiasClient],
  exports: [BiasService],
})
export class BiasModule {}
