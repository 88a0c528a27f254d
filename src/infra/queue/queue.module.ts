import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
} from '@nestjs/common';
import { settleWithin } from '../../common/async';
import { AppConfig } from '../../config/app-config';
import { DATABASE_ENDPOINT } from '../database/database.module';
import type { DatabaseEndpoint } from '../database/database-endpoint';
import { JobQueue } from './job-queue.service';
import { JobWorkers } from './job-workers.service';
import { QUEUE_BACKEND, RUN_WORKERS } from './queue.tokens';
import { createQueueBackend, type QueueBackend } from './queue-backend';

const UNREACHABLE_CLOSE_MS = 2000;

/**
 * Shutdown order: stop consuming and let running jobs finish, then close producers, then the
 * backend's connection, all before the database closes (onApplicationShutdown).
 */
@Injectable()
class QueueLifecycle implements BeforeApplicationShutdown {
  constructor(
    private readonly workers: JobWorkers,
    private readonly queue: JobQueue,
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    if (this.backend.available()) {
      await this.workers.close();
      await this.queue.close();
    } else {
      // Nothing can finish against an unreachable backend; BullMQ would wait for it forever.
      await settleWithin(this.workers.close(true), UNREACHABLE_CLOSE_MS);
      await settleWithin(this.queue.close(), UNREACHABLE_CLOSE_MS);
    }
    await this.backend.close();
  }
}

@Global()
@Module({})
export class QueueModule {
  /** @param runWorkers whether this process consumes jobs (worker process, or API without Redis) */
  static forRoot(runWorkers: boolean): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        {
          provide: QUEUE_BACKEND,
          inject: [AppConfig, DATABASE_ENDPOINT],
          useFactory: (config: AppConfig, endpoint: DatabaseEndpoint) =>
            createQueueBackend({
              redisUrl: config.redisUrl,
              redisPrefix: config.redisPrefix,
              databaseUrl: endpoint.connectionString,
              embeddedDatabase: endpoint.kind === 'embedded',
            }),
        },
        { provide: RUN_WORKERS, useValue: runWorkers },
        JobQueue,
        JobWorkers,
        QueueLifecycle,
      ],
      exports: [JobQueue, JobWorkers],
    };
  }
}
