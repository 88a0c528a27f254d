import fc from 'fast-check';
import { addressFindings } from './addresses';
import { patternFindings } from './patterns';
import { AT, DASH, DIGIT_DOT, DIGIT_SPACE, DOT_LETTER, SPACE_DIGIT, tokenize } from './tokens';

/**
 * The text's profile with every gate open but the digit count (a minimum of digits is a rule of
 * some recognizers, not a shortcut): what the shortcuts must never change.
 */
const open = (text: string) => {
  const { tokens, profile } = tokenize(text);
  return { tokens, profile: { ...profile, flags: -1, runs: -1, stretch: Infinity } };
};

/** Pieces of text around which the recognizers' patterns (and near misses) form. */
const PIECE = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
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
      'june ',
      'the ',
      'rd',
      ' of May',
      "I'm ",
      'turned ',
      '95',
      '104',
      '7/14',
      '3rd',
      'mid-March 3rd',
      "June's",
      "I'm 95",
      'turned 104 ',
      'aged 93',
      '96-year-old',
      'March 3rd',
      'the 4th of June',
      'Dec. 12',
      'born 12/25',
      '(617) 555-0199',
      '123-45-6789',
      '10.0.0.1',
      'Austin, TX 78701',
      '%',
      ' out of',
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
  },
  fc.stringMatching(/^\d{1,19}$/),
  fc.stringMatching(/^[A-Z0-9]{1,17}$/),
);

describe('pattern recognizer gates', () => {
  it('skip a recognizer only where its pattern cannot match', () => {
    fc.assert(
      fc.property(fc.array(PIECE, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        expect(patternFindings(text, tokenize(text))).toEqual(patternFindings(text, open(text)));
      }),
      { numRuns: 5000, seed: 20261126 },
    );
  });

  it('profile digits, characters, runs of digits and the longest stretch in the same pass', () => {
    const { profile } = tokenize('Call 617-555-0199 or a@b.io; 10.0.0.1 VIN1M8GDM9AXKP042788');
    expect(profile.digits).toBe(10 + 5 + 9);
    expect(profile.runs).toBe(2 ** 1 + 2 ** 2 + 2 ** 3 + 2 ** 4 + 2 ** 6);
    expect(profile.stretch).toBe(20);
    expect(profile.flags).toBe(AT + DASH + DOT_LETTER + DIGIT_DOT + DIGIT_SPACE + SPACE_DIGIT);
  });

  it('skip an address pattern only where it cannot match', () => {
    const piece = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(
          ' ',
          '  ',
          '\n',
          '\t',
          '\u00a0',
          ',',
          ', ',
          '.',
          '#',
          'B',
          'b ',
          'ſ',
          '221B Baker Street',
          '12 main st',
          'Main',
          'Street',
          'Road',
          'rue',
          'Rue Descartes',
          'Calle Mayor',
          'Nassaustraat',
          'Weblinger Gürtel',
          'Apt. ',
          'suite',
          'I live at ',
          'address: ',
          'moved to ',
          'Springfield, IL 62704',
          'Lyss',
          'Canada',
        ),
      },
      fc.stringMatching(/^\d{1,6}$/),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join('');
        const { profile } = tokenize(text);
        expect(addressFindings(text, profile)).toEqual(
          addressFindings(text, { ...profile, flags: -1 }),
        );
      }),
      { numRuns: 3000, seed: 20261126 },
    );
  });
});
