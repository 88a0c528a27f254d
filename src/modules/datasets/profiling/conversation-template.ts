import type { Row } from '../formats/format';

export const CONVERSATION_TEMPLATES = [
  'chatml',
  'sharegpt',
  'alpaca',
  'input_output',
  'prompt_response',
  'question_answer',
  'unknown',
] as const;
export type ConversationTemplate = (typeof CONVERSATION_TEMPLATES)[number];

export interface TemplateMatch {
  template: ConversationTemplate;
  /** Share of the sampled rows that have the template's shape (0 for unknown). */
  confidence: number;
}

type Field = (row: Row, pattern: RegExp) => unknown;

/** The value of the first column whose name matches `pattern` (case-insensitive names). */
const field: Field = (row, pattern) => {
  for (const key of Object.keys(row)) if (pattern.test(key)) return row[key];
  return undefined;
};

const isText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** Whether some column whose name matches `pattern` holds text (ids such as questionId are skipped). */
function hasText(row: Row, pattern: RegExp): boolean {
  for (const key of Object.keys(row)) if (pattern.test(key) && isText(row[key])) return true;
  return false;
}

function isTurnList(value: unknown, speaker: string, text: string): boolean {
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return false;
    }
  }
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (turn) => turn !== null && typeof turn === 'object' && speaker in turn && text in turn,
    )
  );
}

/** Each template's test on one row, in order of precedence (most specific first). */
const SHAPES: [ConversationTemplate, (row: Row) => boolean][] = [
  ['chatml', (row) => isTurnList(field(row, /^messages$/i), 'role', 'content')],
  ['sharegpt', (row) => isTurnList(field(row, /^conversations?$/i), 'from', 'value')],
  [
    'alpaca',
    (row) => isText(field(row, /^instruction$/i)) && field(row, /^output$/i) !== undefined,
  ],
  ['input_output', (row) => isText(field(row, /^input$/i)) && isText(field(row, /^output$/i))],
  [
    'prompt_response',
    (row) => isText(field(row, /^prompt$/i)) && isText(field(row, /^(response|completion)$/i)),
  ],
  [
    'question_answer',
    (row) =>
      (hasText(row, /question/i) && hasText(row, /answer/i)) ||
      (isText(field(row, /^context$/i)) && isText(field(row, /^response$/i))),
  ],
];

/**
 * The conversation template of a dataset from a sample of its rows: the shape most rows have
 * (ties go to the more specific template), with the share of rows that have it.
 */
export function detectTemplate(sample: readonly Row[]): TemplateMatch {
  let best: TemplateMatch = { template: 'unknown', confidence: 0 };
  if (sample.length === 0) return best;
  for (const [template, matches] of SHAPES) {
    const share = sample.filter(matches).length / sample.length;
    if (share > best.confidence) best = { template, confidence: share };
  }
  return best;
}
