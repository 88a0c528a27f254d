import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BiasAnalyzer } from '../src/modules/bias/engine';
import { type Finding, PiiScanPool, scanText } from '../src/modules/privacy/engine';
import { generateConversations, median, pass } from './conversations';

const RUNS = Number(process.env.BENCH_PRIVACY_RUNS ?? 3);
/** Texts handed to the pool at a time (characters), and how many such batches may be in flight. */
const BATCH_CHARS = 1024 * 1024;
const IN_FLIGHT = 2;

/** The free-text fields of a record (strings with a space): ids, roles and codes are skipped. */
function textsOf(value: unknown, into: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes(' ')) into.push(value);
  } else if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) textsOf(inner, into);
  }
  return into;
}

/** All cores: this thread reads and parses, the pool's workers scan, two batches in flight. */
async function pooled(path: string, pool: PiiScanPool): Promise<{ ms: number; findings: number }> {
  const start = performance.now();
  const inFlight: Promise<Finding[][]>[] = [];
  let findings = 0;
  const settle = async () => {
    for (const result of await inFlight.shift()!) findings += result.length;
  };
  let batch: string[] = [];
  let chars = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    for (const text of textsOf(JSON.parse(line), [])) {
      batch.push(text);
      chars += text.length;
    }
    if (chars < BATCH_CHARS) continue;
    inFlight.push(pool.scan(batch));
    batch = [];
    chars = 0;
    if (inFlight.length >= IN_FLIGHT) await settle();
  }
  if (batch.length > 0) inFlight.push(pool.scan(batch));
  while (inFlight.length > 0) await settle();
  return { ms: performance.now() - start, findings };
}

/**
 * PII scan and bias analysis throughput over a generated JSONL of counselling conversations with planted PII: on
 * one core (this thread parses and scans), and on all cores (worker threads scan), next to
 * reading and JSON.parse of the same file in the same run.
 */
export async function privacyThroughput(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'techdeck-bench-pii-'));
  const pool = new PiiScanPool(availableParallelism());
  try {
    const path = join(dir, 'conversations.jsonl');
    const records = await generateConversations(path);
    const mb = statSync(path).size / 1024 / 1024;
    let textBytes = 0;
    await pass(path, (record) => {
      for (const text of textsOf(record, [])) textBytes += Buffer.byteLength(text);
    });
    const textMb = textBytes / 1024 / 1024;
    const parse: number[] = [];
    const single: number[] = [];
    const all: number[] = [];
    const bias: number[] = [];
    let findings = [0, 0];
    let overall = 0;
    for (let run = 0; run < RUNS; run++) {
      parse.push(await pass(path, () => undefined));
      let found = 0;
      single.push(
        await pass(path, (record) => {
          for (const text of textsOf(record, [])) found += scanText(text).length;
        }),
      );
      const result = await pooled(path, pool);
      all.push(result.ms);
      findings = [found, result.findings];
      const analyzer = new BiasAnalyzer();
      bias.push(
        await pass(path, (record, index) =>
          analyzer.addText(String(index), textsOf(record, []).join('\n')),
        ),
      );
      overall = analyzer.report().overallBiasScore;
    }
    if (findings[0] !== findings[1])
      throw new Error(`one core found ${findings[0]}, all cores ${findings[1]}`);
    const line = (label: string, ms: number) =>
      `${label.padEnd(36)} ${(ms / 1000).toFixed(2)} s  ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s of file  ${(textMb / (ms / 1000)).toFixed(1).padStart(6)} MB/s of text  ${(ms / median(parse)).toFixed(2)}x of JSON.parse`;
    return [
      `${records} records, ${mb.toFixed(0)} MB of JSONL, ${textMb.toFixed(0)} MB in free-text fields; ${findings[0]} findings`,
      line('read + JSON.parse (baseline)', median(parse)),
      line('+ PII scan, one core', median(single)),
      line(`+ PII scan, ${availableParallelism()} worker threads`, median(all)),
      `${line('+ bias analysis, one core', median(bias))}  ${Math.round(records / (median(bias) / 1000))} records/s (overall score ${overall})`,
    ];
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
