import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../../common/worker-threads';
import { type ScanOptions, scanText } from './analyzer';
import type { Finding } from './entities';

export interface ScanRequest {
  id: number;
  texts: string[];
  options: ScanOptions;
}

export type ScanReply = { id: number; results: Finding[][] } | { id: number; error: string };

interface Pending {
  resolve: (results: Finding[][]) => void;
  reject: (error: Error) => void;
}

/** Below this many characters a batch is scanned on the caller's thread: a worker would not pay. */
export const POOL_MIN_CHARS = 256 * 1024;

/**
 * Worker threads that scan texts for PII, so a large batch uses every core and does not hold the
 * event loop. A batch is cut into one slice per worker (by characters); the results come back in
 * input order, the same as `scanText` on each text would give. A worker that dies fails its
 * slices; the next batch starts a new one.
 */
export class PiiScanPool {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private ids = 0;
  private closed = false;

  constructor(private readonly size = availableParallelism()) {}

  async scan(texts: readonly string[], options: ScanOptions = {}): Promise<Finding[][]> {
    if (this.closed) throw new Error('the PII scan pool is closed');
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    if (chars < POOL_MIN_CHARS || this.size < 1)
      return texts.map((text) => scanText(text, options));
    const slices = sliceByChars(texts, Math.min(this.size, texts.length), chars);
    const results = await Promise.all(
      slices.map((slice, i) => this.send(this.workerAt(i), slice, options)),
    );
    return results.flat();
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  private send(
    entry: { worker: Worker; pending: Map<number, Pending> },
    texts: string[],
    options: ScanOptions,
  ): Promise<Finding[][]> {
    const id = ++this.ids;
    return new Promise((resolve, reject) => {
      entry.pending.set(id, { resolve, reject });
      entry.worker.postMessage({ id, texts, options } satisfies ScanRequest);
    });
  }

  private workerAt(index: number) {
    const existing = this.workers[index];
    if (existing) return existing;
    const worker = startWorker(__dirname, 'scan.worker', __filename);
    const entry = { worker, pending: new Map<number, Pending>() };
    worker.on('message', (reply: ScanReply) => {
      const pending = entry.pending.get(reply.id);
      entry.pending.delete(reply.id);
      if ('error' in reply) pending?.reject(new Error(reply.error));
      else pending?.resolve(reply.results);
    });
    const fail = (error: Error) => {
      const at = this.workers.indexOf(entry);
      if (at !== -1) this.workers.splice(at, 1);
      for (const pending of entry.pending.values()) pending.reject(error);
      entry.pending.clear();
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`PII scan worker exited with code ${code}`)));
    this.workers[index] = entry;
    return entry;
  }
}

/** Consecutive slices of about equal character counts, in order. */
function sliceByChars(texts: readonly string[], count: number, chars: number): string[][] {
  const slices: string[][] = [];
  const target = chars / count;
  let current: string[] = [];
  let size = 0;
  for (const text of texts) {
    current.push(text);
    size += text.length;
    if (size >= target && slices.length < count - 1) {
      slices.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) slices.push(current);
  return slices;
}
