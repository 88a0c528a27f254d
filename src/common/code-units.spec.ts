import { codeUnits } from './code-units';

const unitsOf = (text: string) => Array.from(codeUnits(text).subarray(0, text.length));
const expected = (text: string) =>
  Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

describe('codeUnits', () => {
  it.each([
    ['plain ASCII', 'I feel anxious before every session.'],
    ['Latin-1', 'café, naïve, Ã©'],
    ['two-byte scripts and emoji', 'Привет 日本語 😀'],
    ['a lone surrogate', 'broken \ud800 pair and \udc00 too'],
    ['a concatenated slice', ('xx' + 'ab'.repeat(20)).slice(1) + 'z'],
    ['the empty string', ''],
  ])('gives the code units of %s', (_, text) => {
    expect(unitsOf(text)).toEqual(expected(text));
  });

  it('grows for long texts and then still reads short ones', () => {
    const long = 'é'.repeat(10_000) + '😀';
    expect(unitsOf(long)).toEqual(expected(long));
    expect(unitsOf('short')).toEqual(expected('short'));
  });
});
