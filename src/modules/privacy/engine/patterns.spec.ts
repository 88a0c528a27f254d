import fc from 'fast-check';
import { patternFindings } from './patterns';
import { tokenize } from './tokens';

/**
 * The text's profile with every gate open but the digit count (a minimum of digits is a rule of
 * some recognizers, not a shortcut): what the shortcuts must never change.
 */
const open = (text: string) => ({
  ...tokenize(text).profile,
  flags: -1,
  runs: -1,
  stretch: Infinity,
});

/** Pieces of text around which the recognizers' patterns (and near misses) form. */
const PIECE = fc.oneof(
  fc.constantFrom(
    ' ',
    '-',
    '.',
    '/',
    ':',
    '@',
    '(',
    ')',
    '+',
    ', ',
    '\n',
    'x',
    'ext. ',
    'st ',
    ' of ',
    'March ',
    'Jan ',
    'years old',
    'aged ',
    'yo',
    'TX ',
    'zip ',
    'SSN ',
    'MRN: ',
    'member id ',
    'call ',
    'fax ',
    'IMEI ',
    'VIN ',
    'GB',
    'WEST',
    'AB',
    '1EG4-TE5-MK73',
    'example.org',
    'www.',
    'https://',
    'Oak Street',
  ),
  fc.stringMatching(/^\d{1,19}$/),
  fc.stringMatching(/^[A-Z0-9]{1,17}$/),
);

describe('pattern recognizer gates', () => {
  it('skip a recognizer only where its pattern cannot match', () => {
    fc.assert(
      fc.property(fc.array(PIECE, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        expect(patternFindings(text, tokenize(text).profile)).toEqual(
          patternFindings(text, open(text)),
        );
      }),
      { numRuns: 3000, seed: 20261126 },
    );
  });

  it('profile digits, characters, runs of digits and the longest stretch in the same pass', () => {
    const { profile } = tokenize('Call 617-555-0199 or a@b.io; 10.0.0.1 VIN1M8GDM9AXKP042788');
    expect(profile.digits).toBe(10 + 5 + 9);
    expect(profile.runs).toBe(2 ** 1 + 2 ** 2 + 2 ** 3 + 2 ** 4 + 2 ** 6);
    expect(profile.stretch).toBe(20);
    expect(profile.flags).toBe(1 + 4 + 8 + 16);
  });
});
