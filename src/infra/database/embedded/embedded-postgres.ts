import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataDirLock } from './data-dir-lock';
import type { EmbeddedWorkerData, WorkerReply } from './embedded-postgres.protocol';

/**
 * The embedded PostgreSQL (PGlite) of a process: the data directory lock, and a worker thread
 * that serves the database over the wire protocol on a loopback port.
 */
export class EmbeddedPostgres {
  private closing?: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    private readonly lock: DataDirLock,
    readonly port: number,
    readonly serverVersion: string,
  ) {}

  get connectionString(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /**
   * @param onCrash called if the database thread dies while the database is open (not on close);
   * nothing in the process can work after that, so the service exits and is restarted.
   */
  static async start(dataDir: string, onCrash?: (error: Error) => void): Promise<EmbeddedPostgres> {
    const lock = DataDirLock.acquire(dataDir);
    const workerData: EmbeddedWorkerData = { pgDataDir: join(dataDir, 'pgdata') };
    const worker = new Worker(workerEntry(), { workerData, execArgv: workerExecArgv() });
    try {
      const ready = await nextReply(worker);
      if (ready.type !== 'ready') {
        throw new Error(`embedded database failed to start: ${describe(ready)}`);
      }
      const db = new EmbeddedPostgres(worker, lock, ready.port, ready.serverVersion);
      worker.once('exit', (code) => {
        if (db.closing) return;
        lock.release();
        onCrash?.(new Error(`embedded database thread exited with code ${code}`));
      });
      return db;
    } catch (error) {
      await worker.terminate();
      lock.release();
      throw error;
    }
  }

  /** Closes the database cleanly (flushing it to disk), stops the thread and releases the lock. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        const closed = nextReply(this.worker);
        this.worker.postMessage({ type: 'close' });
        const reply = await closed;
        if (reply.type !== 'closed') {
          throw new Error(`embedded database did not close cleanly: ${describe(reply)}`);
        }
      } finally {
        await this.worker.terminate();
        this.lock.release();
      }
    })();
    return this.closing;
  }
}

function nextReply(worker: Worker): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      cleanup();
      resolve(reply);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`embedded database thread exited with code ${code}`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

function describe(reply: WorkerReply): string {
  return reply.type === 'error' ? reply.message : `unexpected reply ${reply.type}`;
}

/** The compiled worker next to this file; from TypeScript sources (tests) through swc. */
function workerEntry(): string {
  const extension = __filename.endsWith('.ts') ? '.ts' : '.js';
  return join(__dirname, `embedded-postgres.worker${extension}`);
}

function workerExecArgv(): string[] {
  return __filename.endsWith('.ts') ? ['--require', require.resolve('@swc-node/register')] : [];
}
