import fc from 'fast-check';
import { hasContext, wordsAround } from './context';

/** The definition: any of the five words before or two after, or a phrase of two of them. */
function byDefinition(text: string, start: number, end: number, words: ReadonlySet<string>) {
  const { before, after } = wordsAround(text, start, end);
  const all = [...before, ...after];
  return all.some(
    (word, i) => words.has(word) || (i + 1 < all.length && words.has(`${word} ${all[i + 1]}`)),
  );
}

const WORDS = ['phone', 'Call', "o'clock", 'social security', 'fax', 'ssn', 'ok'];

describe('hasContext', () => {
  it('reads the same words as its definition, in ASCII and beyond', () => {
    const piece = fc.constantFrom(
      ' ',
      ', ',
      '.',
      '\n',
      'phone',
      'PHONE',
      'call',
      "o'clock",
      'social',
      'security',
      'fax',
      'SSN',
      'ok',
      'my',
      'number',
      '555',
      'é',
      'İ',
      'x'.repeat(40),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.nat(),
        fc.nat(20),
        fc.subarray(WORDS.map((w) => w.toLowerCase())),
        (pieces, at, width, chosen) => {
          const text = pieces.join('');
          const start = text.length === 0 ? 0 : at % text.length;
          const end = Math.min(text.length, start + width);
          const words = new Set(chosen);
          expect(hasContext(text, start, end, words)).toBe(byDefinition(text, start, end, words));
        },
      ),
      { numRuns: 3000, seed: 20261126 },
    );
  });
});
