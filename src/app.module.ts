import { type DynamicModule, Module, type Type } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/errors/validation';
import { EnvelopeInterceptor } from './common/envelope/envelope.interceptor';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { API_MODULES } from './domain-modules';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';

export interface AppOptions {
  logDestination?: DestinationStream;
  /** Extra modules mounted beside the domain modules (tests use it to add probe routes). */
  imports?: Type<unknown>[];
}

/** The API process: every domain module, with the global pipe, filter and envelope. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, {
          runWorkers: config.apiRunsWorkers,
          logDestination: options.logDestination,
        }),
        AuditModule,
        AuthModule,
        ...API_MODULES,
        ...(options.imports ?? []),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
      ],
    };
  }
}
