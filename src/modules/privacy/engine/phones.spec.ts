import fc from 'fast-check';
import { getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { nanpMayBeValid, phoneValid } from './phones';

/** libphonenumber alone, as phone numbers were validated before the North American test. */
function libraryValid(number: string): boolean {
  const phone =
    number.startsWith('+') || number.startsWith('00')
      ? parsePhoneNumberFromString('+' + number.replace(/^(\+|00)/, ''))
      : parsePhoneNumberFromString(number, { defaultCountry: 'US', extract: false });
  return !!phone?.isValid();
}

const digit = fc.integer({ min: 0, max: 9 }).map(String);
/** Ten digits, area code first; most start with 2-9 as North American area codes do. */
const tenDigits = fc
  .tuple(
    fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 2, max: 9 }).map(String) },
      { weight: 1, arbitrary: fc.constantFrom('0', '1') },
    ),
    fc.array(digit, { minLength: 9, maxLength: 9 }),
  )
  .map(([first, rest]) => first + rest.join(''));
/** The ways people write such a number: grouped, bracketed, with a 1 or +1 before it. */
const written = fc
  .tuple(tenDigits, fc.constantFrom('', '1-', '1 ', '+1 ', '001 '), fc.constantFrom(0, 1, 2, 3))
  .map(([n, prefix, style]) => {
    const [area, exchange, line] = [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
    const body = [
      `${area}-${exchange}-${line}`,
      `(${area}) ${exchange}-${line}`,
      `${area}.${exchange}.${line}`,
      n,
    ][style];
    return prefix + body;
  });

describe('phoneValid', () => {
  it('agrees with libphonenumber on every North American number, however written', () => {
    fc.assert(
      fc.property(written, (number) => {
        expect([number, phoneValid(number, number.replace(/\D/g, ''))]).toEqual([
          number,
          libraryValid(number),
        ]);
      }),
      { numRuns: 5000 },
    );
  });

  it('answers numbers that fit no North American pattern without libphonenumber', () => {
    // Area code 555 is in no country's plan; 212 (New York), 204 (Manitoba) and 800 (toll
    // free) are.
    expect(nanpMayBeValid('5550862236')).toBe(false);
    expect(libraryValid('(555) 086-2236')).toBe(false);
    for (const number of ['2125550123', '2042345678', '8005550100']) {
      expect([number, nanpMayBeValid(number)]).toEqual([number, true]);
      expect([number, phoneValid(number, number)]).toEqual([number, true]);
    }
    // The test leaves numbers out, never in: a random sample holds both kinds.
    const sample = fc.sample(tenDigits, { numRuns: 2000, seed: 42 });
    const left = sample.filter((n) => !nanpMayBeValid(n));
    expect(left.length).toBeGreaterThan(100);
    expect(sample.length - left.length).toBeGreaterThan(100);
    expect(left.filter((n) => libraryValid(n))).toEqual([]);
  });

  it("takes each North American country's own numbers for possibly valid", () => {
    // Random numbers seldom fall in a Caribbean plan: each country's example number does.
    const countries = ['US', 'CA', 'AG', 'AI', 'AS', 'BB', 'BM', 'BS', 'DM', 'DO', 'GD', 'GU'];
    countries.push('JM', 'KN', 'KY', 'LC', 'MP', 'MS', 'PR', 'SX', 'TC', 'TT', 'VC', 'VG', 'VI');
    for (const country of countries) {
      const example = getExampleNumber(country as never, examples)!;
      const national = example.nationalNumber as string;
      expect([country, example.countryCallingCode, nanpMayBeValid(national)]).toEqual([
        country,
        '1',
        true,
      ]);
      expect([country, phoneValid(national, national)]).toEqual([country, true]);
    }
  });

  it('leaves international numbers to libphonenumber', () => {
    expect(phoneValid('+44 20 7946 0958', '442079460958')).toBe(libraryValid('+44 20 7946 0958'));
    expect(phoneValid('+44 20 7946 0958', '442079460958')).toBe(true);
    expect(phoneValid('0049 30 1234567', '0049301234567')).toBe(libraryValid('0049 30 1234567'));
  });
});
