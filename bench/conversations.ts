import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { syntheticRows, type SyntheticTemplate } from '../scripts/fixtures/synthetic-conversations';
import { Standardizer } from '../src/modules/standardization/conversation/standardizer';
import { DatasetValidator } from '../src/modules/validation/engine/validator';

const TARGET_BYTES = Number(process.env.BENCH_CONVERSATIONS_MB ?? 100) * 1024 * 1024;
const RUNS = Number(process.env.BENCH_CONVERSATIONS_RUNS ?? 5);
const TEMPLATES: SyntheticTemplate[] = [
  'chatml',
  'sharegpt',
  'alpaca',
  'question_answer',
  'prompt_response',
];

/**
 * About TARGET_BYTES of JSON Lines, the templates interleaved (as a merged dataset would be).
 * The generator draws from a few dozen counselling texts, so most records repeat an earlier one
 * exactly; with `unique`, each record's first user text gets a numbered note, so no two are the
 * same (as in most real datasets) and every one goes through near-duplicate detection.
 */
export async function generateConversations(path: string, unique = false): Promise<number> {
  const out = createWriteStream(path);
  const sources = TEMPLATES.map((template, i) =>
    syntheticRows({ rows: Number.MAX_SAFE_INTEGER, template, seed: 100 + i }),
  );
  let written = 0;
  let records = 0;
  while (written < TARGET_BYTES) {
    const row = sources[records % sources.length].next().value as Record<string, unknown>;
    if (unique) markUnique(row, records);
    const line = JSON.stringify(row) + '\n';
    written += Buffer.byteLength(line);
    records++;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return records;
}

/** Appends a numbered note to the row's first user text (whichever template it has). */
function markUnique(row: Record<string, unknown>, n: number): void {
  const note = ` (entry ${n})`;
  const turns = (row.messages ?? row.conversations) as Record<string, string>[] | undefined;
  if (turns) {
    const turn = turns.find((t) => t.role === 'user' || t.from === 'human')!;
    if (turn.content !== undefined) turn.content += note;
    else turn.value += note;
    return;
  }
  const field = ['input', 'questionText', 'prompt', 'question'].find(
    (key) => typeof row[key] === 'string',
  )!;
  row[field] += note;
}

/** Reads the file line by line and hands each parsed record to `use`; returns the milliseconds. */
export async function pass(
  path: string,
  use: (record: unknown, index: number) => void,
): Promise<number> {
  const start = performance.now();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let index = 0;
  for await (const line of lines) use(JSON.parse(line), index++);
  return performance.now() - start;
}

/** One validation pass (schema and quality checks) over the file: its time and figures. */
async function validation(path: string, conversationScores: boolean) {
  const validator = new DatasetValidator({ checks: ['schema', 'quality'], conversationScores });
  collectGarbage();
  const start = performance.now();
  await pass(path, (record, index) => validator.add(record, index));
  // Making the report is part of the work too.
  const report = validator.report();
  const ms = performance.now() - start;
  return {
    ms,
    score: report.quality?.score,
    summary: `quality ${report.quality?.score} (${report.quality?.level}), ${report.stats.errors} errors`,
  };
}

/**
 * A full collection before a timed pass (when node runs with --expose-gc, as `npm run bench`
 * does), so no pass pays for the garbage an earlier one left: each is timed as if it ran alone.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Standardization, and standardization + validation (schema and quality checks), over a
 * generated JSONL file on one core, next to reading and JSON.parse of the same file.
 */
export async function conversationThroughput(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'techdeck-bench-conv-'));
  try {
    const path = join(dir, 'conversations.jsonl');
    const records = await generateConversations(path);
    const mb = statSync(path).size / 1024 / 1024;
    const parse: number[] = [];
    const standardize: number[] = [];
    const validate: number[] = [];
    const validateStreaming: number[] = [];
    const uniquePath = join(dir, 'unique.jsonl');
    const uniqueRecords = await generateConversations(uniquePath, true);
    const uniqueParse: number[] = [];
    const uniqueValidate: number[] = [];
    let quality = '';
    let uniqueQuality = '';
    for (let run = 0; run < RUNS; run++) {
      collectGarbage();
      parse.push(await pass(path, () => undefined));
      const standardizer = new Standardizer();
      collectGarbage();
      standardize.push(
        await pass(path, (record, index) => void standardizer.convert(record, index)),
      );
      // Each validation pass keeps only its figures, so the next pass does not run beside the
      // previous one's report (300k scored conversations) still alive.
      const full = await validation(path, true);
      validate.push(full.ms);
      quality = full.summary;
      const streaming = await validation(path, false);
      validateStreaming.push(streaming.ms);
      if (streaming.score !== full.score) throw new Error('the two validation passes disagree');
      collectGarbage();
      uniqueParse.push(await pass(uniquePath, () => undefined));
      const unique = await validation(uniquePath, false);
      uniqueValidate.push(unique.ms);
      uniqueQuality = unique.summary;
    }
    const main = { records, mb, baseline: parse };
    // Times are medians over the runs; a ratio is the median of each run's ratio to the
    // baseline of the same run, so a slow spell of the machine that spans a run moves both.
    // The runs' spread follows each ratio: one run's ratio moves by 10% or more here, when a
    // slow spell of the machine takes a pass and not the baseline measured before it.
    const line = (label: string, times: number[], of = main) => {
      const ms = median(times);
      const ratios = times.map((time, run) => time / of.baseline[run]);
      const spread =
        ratios.length > 1 && times !== of.baseline
          ? ` (runs ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`
          : '';
      return `${label.padEnd(36)} ${(ms / 1000).toFixed(2)} s  ${Math.round(
        of.records / (ms / 1000),
      )
        .toString()
        .padStart(7)} records/s  ${(of.mb / (ms / 1000)).toFixed(0).padStart(4)} MB/s  ${median(
        ratios,
      ).toFixed(2)}x of JSON.parse${spread}`;
    };
    const unique = {
      records: uniqueRecords,
      mb: statSync(uniquePath).size / 1024 / 1024,
      baseline: uniqueParse,
    };
    return [
      `${records} records, ${mb.toFixed(0)} MB of JSONL (${TEMPLATES.join(', ')}); ${quality}`,
      line('read + JSON.parse (baseline)', parse),
      line('+ standardize', standardize),
      line('+ standardize + validate (schema, quality)', validate),
      line('  same, dataset figures only', validateStreaming),
      `${uniqueRecords} records made unique, ${unique.mb.toFixed(0)} MB; ${uniqueQuality}`,
      line('read + JSON.parse (baseline)', uniqueParse, unique),
      line('+ standardize + validate, dataset figures', uniqueValidate, unique),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
