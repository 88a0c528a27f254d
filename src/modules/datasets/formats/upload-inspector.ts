import { Transform, type TransformCallback } from 'node:stream';
import { DETECTION_SAMPLE_BYTES, type DetectedFormat, detectFormat } from './detect';
import { type RowCheck, RowCheckPool } from './row-check';

/** Where an upload's text is parsed: inline by default, or through a worker pool. */
export type RowChecks = (detected: DetectedFormat) => RowCheck & { abandon?: () => void };

const inline: RowChecks = (detected) => new RowCheckPool(0).check(detected);

/**
 * Sits in the upload stream: holds back the first bytes until the format is known, then lets
 * every chunk through while the row check parses it, so a malformed file fails during the upload
 * (with its row number) and is never stored. Parquet needs its footer, so it is checked once
 * stored (see checkParquet). Rows are counted, not kept.
 */
export class UploadInspector extends Transform {
  private sample: Buffer[] = [];
  private sampleBytes = 0;
  private detectedFormat: DetectedFormat | undefined;
  private check: (RowCheck & { abandon?: () => void }) | undefined;
  private rows: number | undefined;

  constructor(
    private readonly filename: string,
    private readonly checks: RowChecks = inline,
  ) {
    super();
  }

  get detected(): DetectedFormat | undefined {
    return this.detectedFormat;
  }

  /** Rows seen in a text format, once the stream has ended; undefined for Parquet. */
  get rowCount(): number | undefined {
    return this.rows;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      if (this.detectedFormat === undefined) {
        this.sample.push(chunk);
        this.sampleBytes += chunk.length;
        if (this.sampleBytes < DETECTION_SAMPLE_BYTES) return callback();
        chunk = this.start(false);
      } else {
        this.check?.push(chunk);
      }
      if (this.check?.failure) return callback(this.check.failure);
      if (!this.check) return callback(null, chunk);
      this.check
        .capacity()
        .then(
          () => callback(this.check?.failure ?? null, this.check?.failure ? undefined : chunk),
          callback,
        );
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.detectedFormat === undefined) this.push(this.start(true));
    } catch (error) {
      return callback(error as Error);
    }
    if (!this.check) return callback();
    this.check.end().then((rows) => {
      this.rows = rows;
      callback();
    }, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.rows === undefined) this.check?.abandon?.();
    callback(error);
  }

  /** Detects the format from the sample and returns the sample, to be passed on. */
  private start(complete: boolean): Buffer {
    const sample = Buffer.concat(this.sample);
    this.sample = [];
    this.detectedFormat = detectFormat(sample, this.filename, complete);
    if (this.detectedFormat.format !== 'parquet') {
      this.check = this.checks(this.detectedFormat);
      this.check.push(sample);
    }
    return sample;
  }
}
