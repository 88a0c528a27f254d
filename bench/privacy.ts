import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BiasAnalyzer } from '../src/modules/bias/engine';
import { type LineScan, PiiScanPool, scanRecord } from '../src/modules/privacy/engine';
import { lineChunks } from '../src/common/line-chunks';
import { collectGarbage, generateConversations, median, pass } from './conversations';

const RUNS = Number(process.env.BENCH_PRIVACY_RUNS ?? 3);
/** JSON Lines handed to a worker at a time (bytes), and how many chunks each worker may hold. */
const CHUNK_BYTES = 1024 * 1024;
const IN_FLIGHT_PER_WORKER = 2;

/** The free-text fields of a record (strings with a space): ids, roles and codes are skipped. */
function textsOf(value: unknown, into: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes(' ')) into.push(value);
  } else if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) textsOf(inner, into);
  }
  return into;
}

/**
 * All cores: this thread reads the file and hands chunks of whole lines to the pool, whose
 * workers parse and scan them (as the pipeline does with a stored dataset).
 */
async function pooled(path: string, pool: PiiScanPool): Promise<{ ms: number; findings: number }> {
  const start = performance.now();
  const inFlight: Promise<LineScan[]>[] = [];
  let findings = 0;
  const settle = async () => {
    for (const line of await inFlight.shift()!) {
      if (!Array.isArray(line)) throw new Error(line.error);
      findings += line.length;
    }
  };
  const source = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  for await (const chunk of lineChunks(source, CHUNK_BYTES)) {
    inFlight.push(pool.scanLines(chunk));
    if (inFlight.length >= IN_FLIGHT_PER_WORKER * availableParallelism()) await settle();
  }
  while (inFlight.length > 0) await settle();
  return { ms: performance.now() - start, findings };
}

/**
 * PII scan and bias analysis throughput over a generated JSONL of counselling conversations with
 * planted PII: on one core (this thread parses and scans every record), and on all cores (worker
 * threads parse and scan chunks of lines), next to reading and JSON.parse of the same file in the
 * same run.
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
      collectGarbage();
      parse.push(await pass(path, () => undefined));
      let found = 0;
      collectGarbage();
      single.push(
        await pass(path, (record) => {
          found += scanRecord(record as Record<string, unknown>).length;
        }),
      );
      collectGarbage();
      const result = await pooled(path, pool);
      all.push(result.ms);
      findings = [found, result.findings];
      const analyzer = new BiasAnalyzer();
      collectGarbage();
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
