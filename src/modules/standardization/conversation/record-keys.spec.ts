import { cachedShapes, enterRecord, fieldNames, keyOf, shapeMemo } from './record-keys';

const QUESTION = fieldNames('question', 'questionText', 'query');

describe('keyOf', () => {
  it('prefers an exact name, in the order the names are given', () => {
    const record = { query: 'q', questionText: 'why?' };
    enterRecord(record);
    expect(keyOf(record, QUESTION)).toBe('questionText');
  });

  it('matches ignoring case, in the order of the record keys', () => {
    const record = { QUERY: 'q', Question: 'why?' };
    enterRecord(record);
    expect(keyOf(record, QUESTION)).toBe('QUERY');
    expect(keyOf(record, fieldNames('answer'))).toBeUndefined();
  });

  it('finds the lower-case key of a camel-case name', () => {
    const record = { questiontext: 'why?' };
    enterRecord(record);
    expect(keyOf(record, QUESTION)).toBe('questiontext');
  });

  it('answers the same for a record that was not entered', () => {
    const entered = { id: 1 };
    enterRecord(entered);
    expect(keyOf({ Question: 'why?' }, QUESTION)).toBe('Question');
    expect(keyOf({ questiontext: 'why?' }, QUESTION)).toBe('questiontext');
  });

  it('remembers answers per set of keys, not per record', () => {
    const first = { Question: 'a' };
    const second = { Question: 'b' };
    enterRecord(first);
    expect(keyOf(first, QUESTION)).toBe('Question');
    enterRecord(second);
    expect(keyOf(second, QUESTION)).toBe('Question');
    const other = { QUERY: 'c' };
    enterRecord(other);
    expect(keyOf(other, QUESTION)).toBe('QUERY');
  });

  it('tells apart records whose keys differ after the first', () => {
    const byQuery = { id: 1, query: 'q' };
    const byQuestion = { id: 2, question: 'why?', query: 'q' };
    const byNeither = { id: 3, answer: 'a' };
    for (const [record, key] of [
      [byQuery, 'query'],
      [byQuestion, 'question'],
      [byNeither, undefined],
      [byQuery, 'query'],
    ] as const) {
      enterRecord(record);
      expect(keyOf(record, QUESTION)).toBe(key);
    }
  });

  it("takes a record's own enumerable keys as its fields, as JSON and CSV rows have them", () => {
    const record = { query: 'q' };
    Object.defineProperty(record, 'question', { value: 'why?', enumerable: false });
    enterRecord(record);
    expect(keyOf(record, QUESTION)).toBe('query');
  });

  it('sees a record changed between two entries afresh', () => {
    const record: Record<string, unknown> = { Question: 'a' };
    enterRecord(record);
    expect(keyOf(record, QUESTION)).toBe('Question');
    delete record.Question;
    record.QUERY = 'b';
    enterRecord(record);
    expect(keyOf(record, QUESTION)).toBe('QUERY');
  });
});

describe('shapeMemo', () => {
  it('computes once per set of keys', () => {
    let computed = 0;
    const name = {};
    const compute = () => ++computed;
    const a = { x: 1, y: 2 };
    enterRecord(a);
    expect(shapeMemo(a, name, compute)).toBe(1);
    const b = { x: 3, y: 4 };
    enterRecord(b);
    expect(shapeMemo(b, name, compute)).toBe(1);
    const c = { y: 1, x: 2 };
    enterRecord(c);
    expect(shapeMemo(c, name, compute)).toBe(2);
  });
});

describe('the shape cache', () => {
  it('stays bounded for records whose keys never repeat, also when they share a first key', () => {
    for (let i = 0; i < 5000; i++) {
      const record = { id: i, prompt: 'p', response: 'r', [`extra_${i}`]: 1 };
      enterRecord(record);
      expect(keyOf(record, QUESTION)).toBeUndefined();
    }
    expect(cachedShapes()).toBeLessThanOrEqual(1000);
  });
});
