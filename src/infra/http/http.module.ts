import { Global, Module } from '@nestjs/common';
import { HttpLifecycle } from './http-lifecycle.service';

@Global()
@Module({ providers: [HttpLifecycle], exports: [HttpLifecycle] })
export class HttpModule {}
