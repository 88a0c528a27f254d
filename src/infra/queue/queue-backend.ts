import {
  createPostgresBackend,
  Queue,
  QueueEvents,
  withBackend,
  Worker,
  type Processor,
} from 'bullmq';
import Redis from 'ioredis';

export type QueueBackendKind = 'redis' | 'postgres';

/**
 * BullMQ on one of its two backends, chosen once from configuration: Redis when REDIS_URL is set,
 * otherwise the PostgreSQL backend in the service's own database (schema `bullmq`).
 */
export interface QueueBackend {
  readonly kind: QueueBackendKind;
  /** False while the backend is known to be unreachable, so callers fail fast instead of waiting. */
  available(): boolean;
  createQueue(name: string): Queue;
  createWorker(name: string, processor: Processor, concurrency: number): Worker;
  createQueueEvents(name: string): QueueEvents;
  close(): Promise<void>;
}

export function createQueueBackend(options: {
  redisUrl?: string;
  redisPrefix: string;
  databaseUrl: string;
  embeddedDatabase: boolean;
}): QueueBackend {
  if (options.redisUrl) return redisBackend(options.redisUrl, `${options.redisPrefix}:bull`);
  return postgresBackend(options.databaseUrl, options.embeddedDatabase);
}

function redisBackend(url: string, prefix: string): QueueBackend {
  // One shared connection for producers; BullMQ duplicates it for blocking worker connections.
  const connection = new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: false });
  // Unreachable means a connection attempt failed and none has succeeded since; while the first
  // connection is still being made, callers wait for it instead of failing.
  let failing = false;
  connection.on('error', () => (failing = true));
  connection.on('ready', () => (failing = false));
  return {
    kind: 'redis',
    available: () => !failing || connection.status === 'ready',
    createQueue: (name) => new Queue(name, { connection, prefix }),
    createWorker: (name, processor, concurrency) =>
      new Worker(name, processor, { connection, prefix, concurrency, autorun: false }),
    createQueueEvents: (name) => new QueueEvents(name, { connection, prefix }),
    close: async () => {
      connection.disconnect();
    },
  };
}

function postgresBackend(connectionString: string, embedded: boolean): QueueBackend {
  const pg = withBackend(createPostgresBackend);
  const connection = { connectionString, schema: 'bullmq', migrate: true, max: 4 };
  return {
    kind: 'postgres',
    // The queue lives in the service's own database: when that is down, everything is.
    available: () => true,
    createQueue: (name) => new pg.Queue(name, { connection }) as unknown as Queue,
    createWorker: (name, processor, concurrency) =>
      new pg.Worker(name, processor, {
        connection,
        concurrency,
        autorun: false,
        // The embedded database routes NOTIFY to listeners; the short drain delay bounds the
        // pickup latency should a notification be missed.
        drainDelay: embedded ? 1 : 5,
      }) as unknown as Worker,
    createQueueEvents: (name) => new pg.QueueEvents(name, { connection }) as unknown as QueueEvents,
    close: async () => undefined,
  };
}
