import { Metadata, type MetadataJson } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/metadata.max.json';

/** The number types libphonenumber checks, in its order; a valid number matches one of them. */
const NUMBER_TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

/** What libphonenumber's Metadata has at run time beyond its published typings. */
interface NumberingPlans {
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  selectNumberingPlan(country: string): void;
  type(type: string): { pattern(): string } | undefined;
}

let anyNanpNumber: RegExp | undefined;

/**
 * Every number pattern of every country of the North American Numbering Plan (calling code 1:
 * the US, Canada and 23 more), from libphonenumber's own metadata, as one expression. For a
 * number whose region is not given, libphonenumber tries each of the 25 countries' patterns in
 * turn, building each expression (some of several kilobytes) anew: about 21 µs for a number that
 * fits none, against 0.2 µs for this test.
 */
function nanpPatterns(): RegExp {
  if (anyNanpNumber) return anyNanpNumber;
  const plans = new Metadata(maxMetadata as unknown as MetadataJson) as unknown as NumberingPlans;
  const patterns: string[] = [];
  for (const country of plans.getCountryCodesForCallingCode('1') ?? []) {
    plans.selectNumberingPlan(country);
    for (const type of NUMBER_TYPES) {
      const pattern = plans.type(type)?.pattern();
      if (pattern) patterns.push(pattern);
    }
  }
  anyNanpNumber = new RegExp(`^(?:${patterns.join('|')})$`);
  return anyNanpNumber;
}

/**
 * Whether a ten-digit North American number (area code first, no leading 1) can be valid. A
 * valid number matches a pattern of its country, so a number that matches no pattern of any
 * North American country is invalid wherever libphonenumber would place it; a `true` here says
 * only that libphonenumber must decide.
 */
export function nanpMayBeValid(national: string): boolean {
  return nanpPatterns().test(national);
}

/**
 * Whether libphonenumber takes the number for a valid one: international ("+44 20 7946 0958",
 * "0044 ...") or else North American. A North American number that fits no pattern of the plan
 * is answered without libphonenumber.
 */
export function phoneValid(number: string, digits: string): boolean {
  if (number.startsWith('+') || number.startsWith('00'))
    return !!parsePhoneNumberFromString('+' + number.replace(/^(\+|00)/, ''))?.isValid();
  // The national number is the ten digits after an optional 1, when its area code starts with
  // 2-9 (an area code cannot start with 0 or 1, so no prefix can be read another way).
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (national.length === 10 && national.charCodeAt(0) >= 50 && !nanpMayBeValid(national))
    return false;
  return !!parsePhoneNumberFromString(number, { defaultCountry: 'US', extract: false })?.isValid();
}
