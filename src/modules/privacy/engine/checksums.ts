/** Checksums that confirm or refute a number-shaped match (as Presidio's validators do). */

const digitsOf = (text: string) => text.replace(/\D/g, '');

/** Luhn (ISO/IEC 7812): payment cards, IMEIs. */
export function luhnValid(text: string): boolean {
  const digits = digitsOf(text);
  if (digits.length < 2) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** IBAN: country letters, length, and the ISO 13616 mod-97 check. */
export function ibanValid(text: string): boolean {
  const iban = text.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * US SSN rules of the Social Security Administration: no 000, 666 or 900-999 area, no 00 group,
 * no 0000 serial, and not one of the numbers published as examples (078-05-1120, 219-09-9999).
 */
export function ssnValid(text: string): boolean {
  const digits = digitsOf(text);
  if (digits.length !== 9) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  if (/^(\d)\1{8}$/.test(digits)) return false;
  return digits !== '078051120' && digits !== '219099999';
}

const VIN_VALUES: Record<string, number> = Object.fromEntries(
  [...'0123456789']
    .map((d, i) => [d, i])
    .concat(
      [...'ABCDEFGH'].map((l, i) => [l, i + 1]),
      [...'JKLMN'].map((l, i) => [l, i + 1]),
      [
        ['P', 7],
        ['R', 9],
      ],
      [...'STUVWXYZ'].map((l, i) => [l, i + 2]),
    ),
);
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** North American VIN (49 CFR 565): 17 characters without I, O, Q, check digit in position 9. */
export function vinValid(text: string): boolean {
  const vin = text.toUpperCase();
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += VIN_VALUES[vin[i]] * VIN_WEIGHTS[i];
  const check = sum % 11;
  return vin[8] === (check === 10 ? 'X' : String(check));
}

/** IPv4 with each part 0-255 and no leading zeros. */
export function ipv4Valid(text: string): boolean {
  const parts = text.split('.');
  return (
    parts.length === 4 &&
    parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)
  );
}
