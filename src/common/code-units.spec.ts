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

  it('puts a 0 after the text, also where a longer text was before', () => {
    codeUnits('a longer text than the next one');
    const units = codeUnits('short');
    expect(units[5]).toBe(0);
    const exact = 'x'.repeat(4096);
    expect(codeUnits(exact)[4096]).toBe(0);
  });

  it('grows for long texts and then still reads short ones', () => {
    const long = 'é'.repeat(10_000) + '😀';
    expect(unitsOf(long)).toEqual(expected(long));
    expect(unitsOf('short')).toEqual(expected('short'));
  });
});
