import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../../common/worker-threads';
import type { DetectedFormat } from './detect';
import { MalformedContentError, type RowDecoder } from './format';
import { rowDecoder } from './row-io';
import { type StreamDecoder, streamDecoder } from './text-decoding';

/**
 * Checks that a text file parses as it streams past, counting rows. Chunks go in with `push`;
 * `failure` is set as soon as a row is found malformed; `end` settles with the row count.
 */
export interface RowCheck {
  push(chunk: Buffer): void;
  readonly failure: Error | undefined;
  /** Resolves when the check has caught up enough to take more input. */
  capacity(): Promise<void>;
  end(): Promise<number>;
}

/** The message a check sends back: a row count, or why the content is malformed. */
export type CheckReply = { session: number } & (
  | { type: 'ack'; bytes: number }
  | { type: 'done'; rows: number }
  | { type: 'malformed'; row: number; reason: string }
);

let sessions = 0;

/** The parsing itself, the same inline and in a worker thread. */
export class RowCounter {
  private readonly decoder: RowDecoder;
  private readonly text: StreamDecoder;
  rows = 0;

  constructor(detected: DetectedFormat) {
    if (detected.format === 'parquet') throw new Error('Parquet is checked once stored');
    this.decoder = rowDecoder(detected.format, detected);
    this.text = streamDecoder(detected.encoding ?? 'utf-8');
  }

  push(chunk: Uint8Array): void {
    this.rows += this.decoder.push(this.decode(chunk)).length;
  }

  end(): number {
    this.rows += this.decoder.push(this.decode()).length;
    this.rows += this.decoder.end().length;
    return this.rows;
  }

  private decode(chunk?: Uint8Array): string {
    try {
      return this.text.decode(chunk);
    } catch {
      throw new MalformedContentError(this.rows + 1, 'the file has bytes that are not valid text');
    }
  }
}

/** On the caller's thread (when no worker is free). */
class InlineRowCheck implements RowCheck {
  failure: Error | undefined;
  private readonly counter: RowCounter;

  constructor(detected: DetectedFormat) {
    this.counter = new RowCounter(detected);
  }

  push(chunk: Buffer): void {
    if (this.failure) return;
    try {
      this.counter.push(chunk);
    } catch (error) {
      this.failure = error as Error;
    }
  }

  capacity(): Promise<void> {
    return Promise.resolve();
  }

  async end(): Promise<number> {
    if (this.failure) throw this.failure;
    return this.counter.end();
  }
}

/** How far the worker may fall behind before the upload stream waits for it. */
const MAX_IN_FLIGHT_BYTES = 8 * 1024 * 1024;

/** In a worker thread, so parsing runs beside hashing, encryption and multipart on the main one. */
class WorkerRowCheck implements RowCheck {
  failure: Error | undefined;
  private inFlight = 0;
  private waiting: (() => void) | undefined;
  private finished: ((rows: number) => void) | undefined;
  private readonly session = ++sessions;
  private readonly listener = (reply: CheckReply) => {
    if (reply.session === this.session) this.onReply(reply);
  };

  constructor(
    private readonly worker: Worker,
    detected: DetectedFormat,
    private readonly release: () => void,
  ) {
    worker.on('message', this.listener);
    worker.postMessage({ type: 'start', session: this.session, detected });
  }

  push(chunk: Buffer): void {
    if (this.failure) return;
    this.inFlight += chunk.length;
    const copy = new Uint8Array(chunk);
    this.worker.postMessage({ type: 'chunk', session: this.session, bytes: copy }, [copy.buffer]);
  }

  capacity(): Promise<void> {
    if (this.inFlight < MAX_IN_FLIGHT_BYTES || this.failure) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  end(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.finished = resolve;
      this.rejectEnd = reject;
      this.worker.postMessage({ type: 'end', session: this.session });
    }).finally(() => this.detach());
  }

  /** Frees the worker when the upload is abandoned before `end`. */
  abandon(): void {
    this.detach();
  }

  private rejectEnd: ((error: Error) => void) | undefined;
  private detached = false;

  private detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.worker.off('message', this.listener);
    this.release();
  }

  private onReply(reply: CheckReply): void {
    if (reply.type === 'ack') {
      this.inFlight -= reply.bytes;
      if (this.inFlight < MAX_IN_FLIGHT_BYTES) this.wake();
    } else if (reply.type === 'malformed') {
      this.failure = new MalformedContentError(reply.row, reply.reason);
      this.wake();
      this.rejectEnd?.(this.failure);
    } else {
      this.finished?.(reply.rows);
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}

/**
 * Worker threads for row checks, one upload per worker at a time; when all are busy an upload
 * is checked inline. Workers are unref'd, so an idle pool never keeps the process alive.
 */
export class RowCheckPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];

  constructor(private readonly size = Math.max(1, availableParallelism() - 1)) {}

  check(detected: DetectedFormat): RowCheck & { abandon?: () => void } {
    const worker = this.idle.pop() ?? this.spawn();
    if (!worker) return new InlineRowCheck(detected);
    return new WorkerRowCheck(worker, detected, () => this.idle.push(worker));
  }

  async close(): Promise<void> {
    await Promise.all(this.all.splice(0).map((worker) => worker.terminate()));
    this.idle.length = 0;
  }

  private spawn(): Worker | undefined {
    if (this.all.length >= this.size) return undefined;
    const worker = startWorker(__dirname, 'row-check.worker', __filename);
    // A crashed worker is dropped; its upload fails through the stream, the next one spawns anew.
    worker.once('error', () => this.forget(worker));
    worker.once('exit', () => this.forget(worker));
    this.all.push(worker);
    return worker;
  }

  private forget(worker: Worker): void {
    for (const list of [this.all, this.idle]) {
      const index = list.indexOf(worker);
      if (index !== -1) list.splice(index, 1);
    }
  }
}
