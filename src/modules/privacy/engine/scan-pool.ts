import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../../common/worker-threads';
import { type ScanOptions, scanText } from './analyzer';
import type { Finding } from './entities';
import { type FieldFinding, scanRecord } from './records';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a worker is asked: texts to scan, or a chunk of JSON Lines whose records to scan. */
export type ScanRequest = { id: number; options: ScanOptions } & (
  | { kind: 'texts'; texts: string[] }
  | { kind: 'lines'; bytes: Uint8Array; fields?: readonly string[] }
);

/** One line of a JSON Lines chunk: its record's findings, or why it could not be scanned. */
export type LineScan = FieldFinding[] | { error: string };

export type ScanReply = { id: number; results: Sparse } | { id: number; error: string };

/**
 * Results with most entries empty, as they cross between threads: only the non-empty entries and
 * their indexes. Copying thousands of empty lists back cost the calling thread more than the
 * findings themselves.
 */
export interface Sparse {
  length: number;
  at: number[];
  values: (Finding[] | LineScan)[];
}

export function sparse(results: readonly (Finding[] | LineScan)[]): Sparse {
  const packed: Sparse = { length: results.length, at: [], values: [] };
  results.forEach((result, i) => {
    if (Array.isArray(result) && result.length === 0) return;
    packed.at.push(i);
    packed.values.push(result);
  });
  return packed;
}

function dense({ length, at, values }: Sparse): (Finding[] | LineScan)[] {
  const results: (Finding[] | LineScan)[] = [];
  for (let i = 0; i < length; i++) results.push([]);
  at.forEach((index, i) => (results[index] = values[i]));
  return results;
}

interface Pending {
  resolve: (results: Finding[][] | LineScan[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  /** Its size (characters or bytes), counted in the time of the batches queued behind it. */
  size: number;
}

interface Entry {
  worker: Worker;
  pending: Map<number, Pending>;
  /** The total size of the pending batches. */
  queued: number;
}

/** Below this many characters a batch is scanned on the caller's thread: a worker would not pay. */
export const POOL_MIN_CHARS = 256 * 1024;

/**
 * How long a worker may take over a batch before it is taken for hung, stopped and its batches
 * failed: a base, plus time for its size at about a fifteenth of the speed measured here.
 */
export interface ScanTimeouts {
  baseMs: number;
  msPerMillionChars: number;
}
export const DEFAULT_SCAN_TIMEOUTS: ScanTimeouts = { baseMs: 30_000, msPerMillionChars: 1_000 };

/** A worker did not answer in time; it was stopped (the next batch starts a new one). */
export class ScanTimeoutError extends Error {
  constructor(ms: number) {
    super(`the PII scan did not finish within ${Math.round(ms / 1000)} s`);
  }
}

/**
 * Worker threads that scan texts for PII, so a large batch uses every core and does not hold the
 * event loop. A batch is cut into one slice per worker (by characters); the results come back in
 * input order, the same as `scanText` on each text would give. A worker that dies fails its
 * slices; the next batch starts a new one.
 */
export class PiiScanPool {
  private readonly workers: Entry[] = [];
  private ids = 0;
  private closed = false;

  constructor(
    private readonly size = availableParallelism(),
    /** May be changed at any time; it applies to batches sent from then on. */
    public timeouts: ScanTimeouts = DEFAULT_SCAN_TIMEOUTS,
  ) {}

  async scan(texts: readonly string[], options: ScanOptions = {}): Promise<Finding[][]> {
    if (this.closed) throw new Error('the PII scan pool is closed');
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    if (chars < POOL_MIN_CHARS || this.size < 1)
      return texts.map((text) => scanText(text, options));
    const slices = sliceByChars(texts, Math.min(this.size, texts.length), chars);
    const results = await Promise.all(
      slices.map(
        (texts, i) =>
          this.send(
            this.workerAt(i),
            { kind: 'texts', texts, options },
            texts.reduce((sum, text) => sum + text.length, 0),
          ) as Promise<Finding[][]>,
      ),
    );
    return results.flat();
  }

  /**
   * The records of a chunk of JSON Lines (UTF-8, whole lines), scanned in the least busy worker:
   * one entry per line, in order — the record's findings (`scanRecord`), an empty list for a blank
   * line, or an error for a line that is not a JSON object. Parsing happens in the worker too, so
   * a reader that hands over chunks as it reads a file keeps every core scanning. The chunk's
   * memory is moved to the worker, not copied: the caller must not use it afterwards.
   */
  scanLines(
    chunk: Uint8Array,
    options: ScanOptions = {},
    fields?: readonly string[],
  ): Promise<LineScan[]> {
    if (this.closed) return Promise.reject(new Error('the PII scan pool is closed'));
    // Nothing to scan (an empty chunk, or one already moved by an earlier call).
    if (chunk.byteLength === 0) return Promise.resolve([]);
    if (this.size < 1) return Promise.resolve(scanLines(chunk, options, fields));
    // Only a plain ArrayBuffer that the chunk alone uses can be moved: a pooled Buffer shares its
    // memory, and a SharedArrayBuffer cannot be transferred. Anything else is copied first.
    const bytes =
      chunk.buffer instanceof ArrayBuffer &&
      chunk.byteOffset === 0 &&
      chunk.byteLength === chunk.buffer.byteLength
        ? chunk
        : new Uint8Array(chunk);
    return this.send(
      this.leastBusy(),
      { kind: 'lines', bytes, fields, options },
      bytes.byteLength,
      [bytes.buffer as ArrayBuffer],
    ) as Promise<LineScan[]>;
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  private send(
    entry: Entry,
    request: DistributiveOmit<ScanRequest, 'id'>,
    size: number,
    transfer: ArrayBuffer[] = [],
  ): Promise<Finding[][] | LineScan[]> {
    const id = ++this.ids;
    // Batches wait their turn in the worker: each one's time runs from when it is sent, over all
    // the work queued before it (their sizes too).
    const ms =
      this.timeouts.baseMs * (entry.pending.size + 1) +
      ((entry.queued + size) / 1_000_000) * this.timeouts.msPerMillionChars;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.stop(entry, new ScanTimeoutError(ms)), ms);
      timer.unref();
      entry.pending.set(id, { resolve, reject, timer, size });
      entry.queued += size;
      try {
        entry.worker.postMessage({ id, ...request } satisfies ScanRequest, transfer);
      } catch (error) {
        // Not sent (the message could not be cloned or moved): nothing of it is left behind.
        clearTimeout(timer);
        entry.pending.delete(id);
        entry.queued -= size;
        reject(error as Error);
      }
    });
  }

  /** Stops a worker and fails what it holds (the next batch starts a new one). */
  private stop(entry: Entry, error: Error): void {
    this.fail(entry, error);
    void entry.worker.terminate();
  }

  /** Takes a worker out of the pool and fails the batches it holds. */
  private fail(entry: Entry, error: Error): void {
    const at = this.workers.indexOf(entry);
    if (at !== -1) this.workers.splice(at, 1);
    for (const pending of entry.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    entry.pending.clear();
    entry.queued = 0;
  }

  /** The worker with the fewest batches in hand (a new one while the pool is not full). */
  private leastBusy() {
    for (let i = 0; i < this.size; i++) if (!this.workers[i]) return this.workerAt(i);
    return this.workers.reduce((best, entry) =>
      entry.pending.size < best.pending.size ? entry : best,
    );
  }

  private workerAt(index: number) {
    const existing = this.workers[index];
    if (existing) return existing;
    const worker = startWorker(__dirname, 'scan.worker', __filename);
    const entry: Entry = { worker, pending: new Map<number, Pending>(), queued: 0 };
    worker.on('message', (reply: ScanReply) => {
      const pending = entry.pending.get(reply.id);
      if (pending) {
        clearTimeout(pending.timer);
        entry.queued -= pending.size;
      }
      entry.pending.delete(reply.id);
      if ('error' in reply) pending?.reject(new Error(reply.error));
      else pending?.resolve(dense(reply.results) as Finding[][] | LineScan[]);
    });
    worker.once('error', (error) => this.fail(entry, error));
    worker.once('exit', (code) =>
      this.fail(entry, new Error(`PII scan worker exited with code ${code}`)),
    );
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

const utf8 = new TextDecoder();

/** The records of a chunk of JSON Lines scanned on this thread (what a worker runs). */
export function scanLines(
  chunk: Uint8Array,
  options: ScanOptions = {},
  fields?: readonly string[],
): LineScan[] {
  const lines = utf8.decode(chunk).split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line): LineScan => {
    if (line.trim() === '') return [];
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      // Never the line itself: it may hold PHI.
      return { error: 'the line is not valid JSON' };
    }
    if (!record || typeof record !== 'object' || Array.isArray(record))
      return { error: 'the line is not a JSON object' };
    try {
      return scanRecord(record as Record<string, unknown>, fields, options);
    } catch (error) {
      return { error: error instanceof Error ? error.message : 'scan failed' };
    }
  });
}
