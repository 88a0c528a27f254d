import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { DETECTION_SAMPLE_BYTES, type DetectedFormat, detectFormat } from './detect';
import { MalformedContentError, type RowDecoder } from './format';
import { rowDecoder } from './row-io';
import { EncodingError } from './text-decoding';

/**
 * Sits in the upload stream: holds back the first bytes until the format is known, then lets
 * every chunk through while checking that the text parses, so a malformed file fails during the
 * upload (with its row number) and is never stored. Parquet needs its footer, so it is checked
 * once stored (see checkParquet). Rows are counted, not kept.
 */
export class UploadInspector extends Transform {
  private sample: Buffer[] = [];
  private sampleBytes = 0;
  private detectedFormat: DetectedFormat | undefined;
  private decoder: RowDecoder | undefined;
  private textDecoder: TextDecoder | undefined;
  private rows = 0;

  constructor(private readonly filename: string) {
    super();
  }

  get detected(): DetectedFormat | undefined {
    return this.detectedFormat;
  }

  /** Rows seen in a text format; undefined for Parquet. */
  get rowCount(): number | undefined {
    return this.decoder ? this.rows : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      if (this.detectedFormat === undefined) {
        this.sample.push(chunk);
        this.sampleBytes += chunk.length;
        if (this.sampleBytes < DETECTION_SAMPLE_BYTES) return callback();
        this.start(false);
        return callback();
      }
      this.inspect(chunk);
      callback(null, chunk);
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.detectedFormat === undefined) this.start(true);
      if (this.decoder && this.textDecoder) {
        this.count(this.decoder.push(this.decode()));
        this.count(this.decoder.end());
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  private start(complete: boolean): void {
    const sample = Buffer.concat(this.sample);
    this.sample = [];
    this.detectedFormat = detectFormat(sample, this.filename, complete);
    const { format, encoding } = this.detectedFormat;
    if (format !== 'parquet') {
      this.decoder = rowDecoder(format, this.detectedFormat);
      this.textDecoder = new TextDecoder(encoding, { fatal: true });
    }
    this.inspect(sample);
    this.push(sample);
  }

  private inspect(chunk: Buffer): void {
    if (this.decoder) this.count(this.decoder.push(this.decode(chunk)));
  }

  private decode(chunk?: Buffer): string {
    try {
      return chunk ? this.textDecoder!.decode(chunk, { stream: true }) : this.textDecoder!.decode();
    } catch {
      const error = new EncodingError(this.detectedFormat!.encoding ?? 'utf-8');
      throw new MalformedContentError(this.rows + 1, `the file has ${error.message}`);
    }
  }

  private count(rows: unknown[]): void {
    this.rows += rows.length;
  }
}
