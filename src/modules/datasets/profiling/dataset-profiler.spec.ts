import type { Row } from '../formats/format';
import { detectTemplate } from '../../standardization/conversation/detect-template';
import { DatasetProfiler } from './dataset-profiler';

function profile(rows: Row[], emptyIsNull = false) {
  const profiler = new DatasetProfiler(emptyIsNull);
  for (const row of rows) profiler.add(row);
  return profiler.result();
}

describe('DatasetProfiler', () => {
  it('profiles no rows', () => {
    expect(profile([])).toEqual({
      rowCount: 0,
      columns: [],
      template: { template: 'unknown', confidence: 0 },
    });
  });

  it('counts rows and gives each column its kind, in order of first appearance', () => {
    const { rowCount, columns } = profile([
      { s: 'a', i: 1, n: 1, b: true, o: { x: 1 }, a: [1] },
      { s: 'b', i: 2n, n: 2.5, b: false, o: {}, a: [], late: 'x' },
    ]);
    expect(rowCount).toBe(2);
    expect(columns).toEqual([
      { name: 's', type: 'string', nullCount: 0 },
      { name: 'i', type: 'integer', nullCount: 0 },
      { name: 'n', type: 'number', nullCount: 0 },
      { name: 'b', type: 'boolean', nullCount: 0 },
      { name: 'o', type: 'object', nullCount: 0 },
      { name: 'a', type: 'array', nullCount: 0 },
      { name: 'late', type: 'string', nullCount: 1 },
    ]);
  });

  it('takes integers and decimals together as number', () => {
    expect(profile([{ v: 1.5 }, { v: 2 }, { v: 3 }]).columns).toEqual([
      { name: 'v', type: 'number', nullCount: 0 },
    ]);
  });

  it('takes text and integers together as mixed', () => {
    expect(profile([{ v: 1 }, { v: 'one' }, { v: 2.5 }]).columns).toEqual([
      { name: 'v', type: 'mixed', nullCount: 0 },
    ]);
  });

  it('counts nulls and missing keys as nulls, without changing the kind', () => {
    const rows = [{ v: null, w: 1 }, { v: 3 }, { v: undefined, w: 2 }, {}];
    expect(profile(rows).columns).toEqual([
      { name: 'v', type: 'integer', nullCount: 3 },
      { name: 'w', type: 'integer', nullCount: 2 },
    ]);
  });

  it('gives a column of only nulls the kind null', () => {
    expect(profile([{ v: null }, { v: null }]).columns).toEqual([
      { name: 'v', type: 'null', nullCount: 2 },
    ]);
  });

  it('counts empty text as a value by default', () => {
    expect(profile([{ v: '' }, { v: 'x' }]).columns).toEqual([
      { name: 'v', type: 'string', nullCount: 0 },
    ]);
  });

  it('counts empty text as null when asked (CSV)', () => {
    expect(profile([{ v: '' }, { v: 'x' }, { v: '' }], true).columns).toEqual([
      { name: 'v', type: 'string', nullCount: 2 },
    ]);
  });

  it('gives a column of only empty text the kind null when empty is null', () => {
    expect(profile([{ v: '' }], true).columns).toEqual([{ name: 'v', type: 'null', nullCount: 1 }]);
  });

  it('detects the template from the first 200 rows only', () => {
    const alpaca = { instruction: 'Be kind.', input: '', output: 'Hello.' };
    const chat = { messages: [{ role: 'user', content: 'Hi' }] };
    const rows = [...Array<Row>(200).fill(alpaca), ...Array<Row>(300).fill(chat)];
    const result = profile(rows);
    expect(result.rowCount).toBe(500);
    expect(result.template).toEqual({ template: 'alpaca', confidence: 1 });
  });
});

const chatml = {
  messages: [
    { role: 'system', content: 'You are kind.' },
    { role: 'user', content: 'I feel low.' },
    { role: 'assistant', content: 'I am sorry to hear that.' },
  ],
};
const sharegpt = {
  conversations: [
    { from: 'human', value: 'I feel low.' },
    { from: 'gpt', value: 'I am sorry to hear that.' },
  ],
};
const alpaca = { instruction: 'Respond kindly.', input: 'I feel low.', output: 'I am sorry.' };

describe('detectTemplate', () => {
  it.each<[string, Row, string]>([
    ['chatml', chatml, 'chatml'],
    ['chatml as JSON text in a CSV cell', { messages: JSON.stringify(chatml.messages) }, 'chatml'],
    ['chatml with a capitalised column name', { Messages: chatml.messages }, 'chatml'],
    ['sharegpt', sharegpt, 'sharegpt'],
    ['sharegpt with "conversation"', { conversation: sharegpt.conversations }, 'sharegpt'],
    ['alpaca', alpaca, 'alpaca'],
    ['alpaca with an empty output', { instruction: 'Say nothing.', output: '' }, 'alpaca'],
    ['input/output', { input: 'I feel low.', output: 'I am sorry.' }, 'input_output'],
    ['prompt/response', { prompt: 'I feel low.', response: 'I am sorry.' }, 'prompt_response'],
    [
      'prompt/completion',
      { prompt: 'I feel low.', completion: 'I am sorry.' },
      'prompt_completion',
    ],
    ['context/response', { context: 'I feel low.', response: 'I am sorry.' }, 'context_response'],
    ['chatml with text instead of content', { messages: [{ role: 'user', text: 'Hi' }] }, 'chatml'],
    [
      'question/answer with a blank answer',
      { question: 'How do I cope?', answer: '  ' },
      'question_answer',
    ],
    [
      'Counsel Chat columns',
      {
        questionText: 'How do I cope?',
        topic: 'depression',
        answerText: 'One step at a time.',
        upvotes: '3',
      },
      'question_answer',
    ],
  ])('detects %s', (_label, row, template) => {
    expect(detectTemplate([row, row])).toEqual({ template, confidence: 1 });
  });

  it.each<[string, Row]>([
    ['no conversation columns', { id: 1, text: 'hello' }],
    ['an empty message list', { messages: [] }],
    ['messages that are not JSON', { messages: '[{"role":' }],
    ['input without output', { input: 'I feel low.' }],
  ])('gives unknown for %s', (_label, row) => {
    expect(detectTemplate([row])).toEqual({ template: 'unknown', confidence: 0 });
  });

  it('gives unknown for no rows', () => {
    expect(detectTemplate([])).toEqual({ template: 'unknown', confidence: 0 });
  });

  it('gives the template most rows have, with their share', () => {
    const other = { id: 1 };
    expect(detectTemplate([chatml, alpaca, chatml, other, chatml])).toEqual({
      template: 'chatml',
      confidence: 0.6,
    });
  });

  it('gives a tie to the more specific template', () => {
    expect(detectTemplate([sharegpt, chatml])).toEqual({ template: 'chatml', confidence: 0.5 });
  });

  it('prefers alpaca over input/output for a row that is both', () => {
    expect(detectTemplate([alpaca])).toEqual({ template: 'alpaca', confidence: 1 });
  });

  // The project's synthetic question/answer rows, and Counsel Chat outside CSV, start with a
  // numeric question id: the question text is another column whose name mentions "question".
  it('detects question/answer rows with a numeric question id first', () => {
    const row = {
      questionId: 1,
      questionText: 'How do I cope?',
      answerText: 'Slowly.',
      upvotes: 4,
    };
    expect(detectTemplate([row])).toEqual({ template: 'question_answer', confidence: 1 });
  });
});
