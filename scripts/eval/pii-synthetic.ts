/**
 * Labelled texts for the entity types the Presidio set lacks (medical record numbers, health-plan
 * ids, fax numbers, VINs, device ids, ages over 89, ZIP codes, IBANs, ...) and checksum-invalid
 * numbers that must not be reported. Deterministic for a seed; the numbers are generated with
 * valid (or deliberately broken) check digits, so the detector cannot know them in advance.
 */
import type { EntityType } from '../../src/modules/privacy/engine/entities';
import { seededRandom } from '../fixtures/synthetic-conversations';

export interface LabelledText {
  text: string;
  spans: { entityType: EntityType; start: number; end: number }[];
}

type Rng = () => number;
const digits = (rng: Rng, n: number) =>
  Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
const pick = <T>(rng: Rng, items: readonly T[]) => items[Math.floor(rng() * items.length)];
const between = (rng: Rng, low: number, high: number) => low + Math.floor(rng() * (high - low + 1));

function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

function card(rng: Rng, valid: boolean): string {
  const body = pick(rng, ['4', '51', '52', '55', '6011']);
  const partial = body + digits(rng, 15 - body.length);
  const check = (luhnDigit(partial) + (valid ? 0 : between(rng, 1, 9))) % 10;
  const number = partial + check;
  return pick(rng, [
    number,
    number.replace(/(\d{4})(?=\d)/g, '$1 '),
    number.replace(/(\d{4})(?=\d)/g, '$1-'),
  ]);
}

function ssn(rng: Rng, valid: boolean): string {
  const area = valid
    ? pick(rng, [between(rng, 1, 665), between(rng, 667, 899)])
    : pick(rng, [0, 666, between(rng, 900, 999)]);
  return `${String(area).padStart(3, '0')}-${String(between(rng, 1, 99)).padStart(2, '0')}-${String(between(rng, 1, 9999)).padStart(4, '0')}`;
}

function iban(rng: Rng, valid: boolean): string {
  const bban = digits(rng, 18);
  const numeric = `${bban}131400`; // "DE" = 13 14, then "00"
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  let check = 98 - remainder;
  if (!valid) check = ((check + between(rng, 1, 96)) % 97) + 1;
  const code = `DE${String(check).padStart(2, '0')}${bban}`;
  return rng() < 0.5 ? code : code.replace(/(.{4})(?=.)/g, '$1 ');
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VIN_VALUE = (c: string) =>
  '0123456789'.includes(c)
    ? Number(c)
    : 'ABCDEFGH'.includes(c)
      ? 'ABCDEFGH'.indexOf(c) + 1
      : 'JKLMN'.includes(c)
        ? 'JKLMN'.indexOf(c) + 1
        : c === 'P'
          ? 7
          : c === 'R'
            ? 9
            : 'STUVWXYZ'.indexOf(c) + 2;
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

function vin(rng: Rng, valid: boolean): string {
  const chars = Array.from({ length: 17 }, () => pick(rng, [...VIN_CHARS]));
  chars[0] = pick(rng, ['1', '2', '3', '4', '5', 'J', 'W']);
  chars[9] = pick(rng, ['L', 'M', 'N', 'P', 'R']);
  let sum = 0;
  for (let i = 0; i < 17; i++) if (i !== 8) sum += VIN_VALUE(chars[i]) * VIN_WEIGHTS[i];
  const check = sum % 11;
  const right = check === 10 ? 'X' : String(check);
  chars[8] = valid
    ? right
    : pick(
        rng,
        [...'0123456789X'].filter((c) => c !== right),
      );
  return chars.join('');
}

function imei(rng: Rng): string {
  const body = '35' + digits(rng, 12);
  return body + luhnDigit(body);
}

const phone = (rng: Rng) =>
  pick(rng, [
    (a: number, b: number, c: string) => `(${a}) ${b}-${c}`,
    (a: number, b: number, c: string) => `${a}-${b}-${c}`,
    (a: number, b: number, c: string) => `${a}.${b}.${c}`,
    (a: number, b: number, c: string) => `+1 ${a} ${b} ${c}`,
  ])(pick(rng, [212, 312, 415, 617, 503, 206, 404, 713]), between(rng, 201, 989), digits(rng, 4));

const MONTH_NAMES = ['January', 'March', 'June', 'July', 'September', 'October', 'Dec.'];

const FIRST = ['Maria', 'James', 'Aisha', 'Tomás', 'Mei', 'Olga', 'Daniel', 'Priya'];
const LAST = ['Johnson', 'Okafor', 'García', 'Nguyen', 'Kowalski', 'Schmidt', 'Haddad', 'Patel'];

/** Positive templates: `{value}` is the entity; its label says which type it is. */
const POSITIVE: [EntityType, (rng: Rng) => string, string[]][] = [
  [
    'MEDICAL_RECORD_NUMBER',
    (r) => digits(r, 8),
    [
      'Patient MRN: {value}, seen for follow-up.',
      'Her medical record number is {value}.',
      'Chart #{value} was updated after the session.',
    ],
  ],
  [
    'HEALTH_PLAN_ID',
    (r) => `${pick(r, ['XJH', 'BCB', 'UHC', 'KPN'])}${digits(r, 9)}`,
    [
      'Member ID: {value}',
      'My insurance id is {value}, can you check coverage?',
      'Policy number {value} covers twelve sessions.',
    ],
  ],
  [
    'FAX_NUMBER',
    phone,
    ['Fax: {value}', 'Please fax the intake form to {value}.', 'Send records by fax {value}'],
  ],
  [
    'PHONE_NUMBER',
    phone,
    ['You can call me at {value} after work.', 'My cell is {value}.', 'Phone: {value}'],
  ],
  [
    'VEHICLE_ID',
    (r) => vin(r, true),
    ['The VIN on my car is {value}.', 'Registration lists {value} as the vehicle.'],
  ],
  [
    'DEVICE_ID',
    imei,
    ['My phone IMEI {value} was stolen with the app on it.', 'Device id: {value}'],
  ],
  [
    'DEVICE_ID',
    (r) => Array.from({ length: 6 }, () => digits(r, 2)).join(':'),
    ['The tablet MAC address is {value}.'],
  ],
  [
    'DATE_TIME',
    (r) => `${between(r, 90, 104)} years old`,
    ['My grandmother is {value} and lives alone.', 'The patient, {value}, reports low mood.'],
  ],
  [
    'DATE_TIME',
    (r) => `${between(r, 1, 12)}/${between(r, 1, 28)}/${between(r, 1940, 2005)}`,
    ['Date of birth: {value}', 'I was born on {value}.'],
  ],
  [
    'DATE_TIME',
    (r) =>
      pick(r, [
        `${pick(r, MONTH_NAMES)} ${between(r, 1, 28)}${pick(r, ['', 'st', 'th'])}`,
        `the ${between(r, 4, 20)}th of ${pick(r, MONTH_NAMES)}`,
      ]),
    [
      'My birthday is {value}, and I dread it every year.',
      'I was admitted on {value} and discharged a week later.',
      'Since {value} I have not slept well.',
    ],
  ],
  [
    'DATE_TIME',
    (r) => `${between(r, 1, 12)}/${between(r, 1, 28)}`,
    ['My next appointment is {value}.', 'Admission date {value}, ward 4.'],
  ],
  [
    'DATE_TIME',
    (r) => String(between(r, 90, 104)),
    ["I'm {value} and my memory is going.", 'My father turned {value} in the spring.'],
  ],
  ['ZIP_CODE', (r) => digits(r, 5), ['Our new zip code is {value}.', 'ZIP code {value}']],
  [
    'STREET_ADDRESS',
    (r) =>
      `${between(r, 1, 9999)} ${pick(r, ['Maple', 'Oak', 'Cedar', 'Lincoln', 'Park'])} ${pick(r, ['Street', 'Avenue', 'Road', 'Drive', 'Lane'])}`,
    ['I live at {value} with my sister.', 'Send it to {value}.'],
  ],
  [
    'STREET_ADDRESS',
    (r) =>
      `${between(r, 1, 999)} ${pick(r, ['maple', 'oak', 'cedar', 'park', 'mill'])} ${pick(r, ['street', 'avenue', 'road', 'lane'])}`,
    [
      'i live at {value} with my mom',
      'my address is {value} if you need it',
      'we moved to {value}',
    ],
  ],
  [
    'US_SSN',
    (r) => ssn(r, true),
    ['My SSN is {value}.', 'Social security number {value} on the form.'],
  ],
  [
    'CREDIT_CARD',
    (r) => card(r, true),
    ['I paid with card {value} yesterday.', 'Card number: {value}'],
  ],
  ['IBAN_CODE', (r) => iban(r, true), ['Refund to IBAN {value} please.', 'My account is {value}.']],
  [
    'EMAIL_ADDRESS',
    (r) =>
      `${pick(r, FIRST).toLowerCase()}.${pick(r, LAST).toLowerCase()}${digits(r, 2)}@example.org`,
    ['Email me at {value} before Friday.', 'Contact: {value}'],
  ],
  [
    'IP_ADDRESS',
    (r) =>
      `${between(r, 11, 223)}.${between(r, 0, 255)}.${between(r, 0, 255)}.${between(r, 1, 254)}`,
    ['The login came from {value} at night.', 'Blocked address {value}'],
  ],
  [
    'URL',
    (r) => `https://www.${pick(r, ['calmnotes', 'moodlog', 'sleepwell'])}.com/u/${digits(r, 5)}`,
    ['My journal is at {value} if you want to read it.'],
  ],
  [
    'PERSON',
    (r) => `${pick(r, FIRST)} ${pick(r, LAST)}`,
    ['My therapist {value} suggested journaling.', 'I talked to {value} about the move.'],
  ],
  [
    'ACCOUNT_NUMBER',
    (r) => digits(r, 10),
    ['Bank account number {value} is overdrawn.', 'Account #: {value}'],
  ],
  [
    'US_DRIVER_LICENSE',
    (r) => `${pick(r, ['D', 'S', 'A'])}${digits(r, 7)}`,
    ["Driver's license: {value}"],
  ],
];

/** Negatives: numbers shaped like an entity whose check digit or rules fail. */
const NEGATIVE: [string, (rng: Rng) => string, string[]][] = [
  [
    'card failing Luhn',
    (r) => card(r, false),
    ['Reference {value} for the invoice.', 'Card {value} was declined.'],
  ],
  ['SSN with an invalid area', (r) => ssn(r, false), ['Case {value} is closed.', 'SSN {value}']],
  ['IBAN failing mod 97', (r) => iban(r, false), ['Transfer code {value}.', 'IBAN {value}']],
  ['VIN with a wrong check digit', (r) => vin(r, false), ['Part code {value} is on back order.']],
  [
    'IP with a part over 255',
    (r) =>
      `${between(r, 256, 999)}.${between(r, 0, 255)}.${between(r, 0, 255)}.${between(r, 1, 254)}`,
    ['Version {value} of the app crashed.'],
  ],
];

/** Numbers in everyday counselling talk that are none of the types: no finding expected. */
const EVERYDAY: [string, (rng: Rng) => string, string[]][] = [
  [
    'a score out of ten',
    (r) => `${between(r, 1, 9)}/10`,
    ['I would rate my anxiety {value} today.', 'Mood today: {value}, better than last week.'],
  ],
  [
    'a share or a measure',
    (r) => `${between(r, 90, 99)}${pick(r, ['%', ' percent', ' minutes', ' pounds'])}`,
    ["I'm {value} sure it was my fault.", 'She is {value} lighter than last year.'],
  ],
  [
    'a fraction or a count',
    (r) => pick(r, ['1/2', '3/4', '2/3', `${between(r, 2, 9)} times`]),
    ['I only finished {value} of the worksheet.', 'I checked the door {value} last night.'],
  ],
  [
    'a modal "may" and a number',
    (r) => String(between(r, 2, 9)),
    ['It may {value} weeks before the medication helps.'],
  ],
];

export function everydayNumbers(count: number, seed = 13): { kind: string; text: string }[] {
  const rng = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const [kind, value, templates] = EVERYDAY[i % EVERYDAY.length];
    return { kind, text: pick(rng, templates).replace('{value}', value(rng)) };
  });
}

export function syntheticPii(count: number, seed = 7): LabelledText[] {
  const rng = seededRandom(seed);
  const texts: LabelledText[] = [];
  for (let i = 0; i < count; i++) {
    const [entityType, value, templates] = POSITIVE[i % POSITIVE.length];
    const template = pick(rng, templates);
    const entity = value(rng);
    const start = template.indexOf('{value}');
    texts.push({
      text: template.replace('{value}', entity),
      spans: [{ entityType, start, end: start + entity.length }],
    });
  }
  return texts;
}

export function checksumNegatives(count: number, seed = 11): { kind: string; text: string }[] {
  const rng = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const [kind, value, templates] = NEGATIVE[i % NEGATIVE.length];
    return { kind, text: pick(rng, templates).replace('{value}', value(rng)) };
  });
}
