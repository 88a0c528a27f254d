import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Graceful shutdown, HTTP side. Nest runs module hooks before it closes the HTTP server, which
 * would pull the database from under in-flight requests; closing Fastify in the first hook
 * (onModuleDestroy) stops accepting connections and waits for running requests to finish before
 * workers, queues and the database are closed in the later hooks.
 */
@Injectable()
export class HttpLifecycle implements OnModuleDestroy {
  private closing = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  get shuttingDown(): boolean {
    return this.closing;
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    const instance = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (instance && typeof instance.close === 'function') await instance.close();
  }
}
