/**
 * Type attribution on the team's labelled examples (bias-examples.jsonl): each example is one
 * counselling-style sentence, labelled with the bias type whose group it stigmatises or
 * generalises about, or "none". The engine analyses each example on its own; the predicted type
 * is the one with the most association evidence in that text (generalisations + stigmatising
 * terms + groups with a negative word nearby), "none" without any, and "tie" when two types share
 * the highest count (always counted wrong). Prints accuracy per label and overall, precision per
 * predicted type and the confusion table; figures only, never example text.
 *
 *   node --require @swc-node/register scripts/eval/eval-bias.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTexts, BIAS_TYPES, type BiasReport } from '../../src/modules/bias/engine';

interface Example {
  id: string;
  label: string;
  text: string;
}

const LABELS = [...BIAS_TYPES, 'none'] as const;
const PREDICTIONS = [...LABELS, 'tie'] as const;

/** Next to this script, or (when run compiled from dist/) in the repository's scripts/eval. */
function examplesPath(): string {
  const beside = join(__dirname, 'bias-examples.jsonl');
  return existsSync(beside)
    ? beside
    : join(process.cwd(), 'scripts', 'eval', 'bias-examples.jsonl');
}

function readExamples(): Example[] {
  const lines = readFileSync(examplesPath(), 'utf8').split('\n');
  return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Example);
}

/** Association evidence per type in a one-text report. */
function evidenceByType(report: BiasReport): Map<string, number> {
  const evidence = new Map<string, number>();
  for (const metric of report.biasMetrics) {
    const { generalisations, stigmatisingTerms, groups } = metric.evidence;
    let count = (generalisations?.mentions ?? 0) + (stigmatisingTerms?.mentions ?? 0);
    for (const group of Object.values(groups)) count += group.negativeContextRecords;
    if (count > 0) evidence.set(metric.biasType, count);
  }
  return evidence;
}

function predict(report: BiasReport): string {
  const ranked = [...evidenceByType(report)].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return 'none';
  if (ranked.length > 1 && ranked[0][1] === ranked[1][1]) return 'tie';
  return ranked[0][0];
}

const pad = (text: string | number, width: number) => String(text).padStart(width);
const ratio = (hits: number, total: number) =>
  total === 0 ? '   -  ' : `${(hits / total).toFixed(3)} (${hits}/${total})`;

function main() {
  const examples = readExamples();
  const confusion = new Map<string, Map<string, number>>();
  const wrongIds: string[] = [];
  let correct = 0;
  for (const example of examples) {
    const predicted = predict(analyzeTexts([example.text]));
    const row = confusion.get(example.label) ?? new Map<string, number>();
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    confusion.set(example.label, row);
    if (predicted === example.label) correct++;
    else wrongIds.push(`${example.id}->${predicted}`);
  }

  console.log(`examples: ${examples.length}`);
  console.log(`overall accuracy: ${ratio(correct, examples.length)}`);
  console.log('\nper label: recall (correct / examples) and precision (correct / predicted)');
  for (const label of LABELS) {
    const row = confusion.get(label) ?? new Map<string, number>();
    const total = [...row.values()].reduce((sum, count) => sum + count, 0);
    const hits = row.get(label) ?? 0;
    let predicted = 0;
    for (const other of confusion.values()) predicted += other.get(label) ?? 0;
    console.log(
      `  ${label.padEnd(20)} recall ${ratio(hits, total).padEnd(16)} precision ${ratio(hits, predicted)}`,
    );
  }

  const width = 6;
  const short = (name: string) => name.slice(0, width - 1);
  console.log('\nconfusion (rows: label, columns: predicted)');
  console.log(`  ${''.padEnd(20)}${PREDICTIONS.map((name) => pad(short(name), width)).join('')}`);
  for (const label of LABELS) {
    const row = confusion.get(label) ?? new Map<string, number>();
    console.log(
      `  ${label.padEnd(20)}${PREDICTIONS.map((name) => pad(row.get(name) ?? 0, width)).join('')}`,
    );
  }
  console.log(`\nmisattributed (id->predicted): ${wrongIds.join(' ') || 'none'}`);
}

main();
