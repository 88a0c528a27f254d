import { isIPv6 } from 'node:net';
import { ibanValid, ipv4Valid, luhnValid, ssnValid, vinValid } from './checksums';
import { boosted, hasContext } from './context';
import { phoneValid } from './phones';
import type { EntityType, Finding } from './entities';
import {
  AGE_LIKE,
  AT,
  COLON,
  DASH,
  DIGIT_DOT,
  DOT_LETTER,
  runBit,
  SLASH,
  tokenize,
  WWW,
} from './tokens';

/**
 * A pattern recognizer in Presidio's style: a regular expression with a base score; an
 * optional validator that raises a match (checksum passes) or drops it (returns null); context
 * words near the match add `CONTEXT_BOOST`. `group` picks the part of the match that is the
 * entity, when the pattern also matches its label ("MRN: 123456").
 */
interface PatternRecognizer {
  name: string;
  entity: EntityType;
  pattern: RegExp;
  score: number;
  group?: number;
  context?: readonly string[];
  /** Only texts with one of these characters (flags below) are searched. */
  needs?: number;
  /** Only texts with at least this many digits are searched. */
  minDigits?: number;
  /** Only texts with a run of digits of one of these lengths (`runBits`) are searched. */
  anyRun?: number;
  /** Only texts with runs of digits of all of these lengths are searched. */
  allRuns?: number;
  /** Only texts with a stretch of letters and digits at least this long are searched. */
  minStretch?: number;
  /** Only texts this cheaper pattern finds something in are searched. */
  precheck?: RegExp;
  /** A labelled identifier ("MRN: …"): only texts with one of the labels are searched. */
  labelled?: boolean;
  validate?: (match: string, text: string, start: number) => number | null;
  /** The entity type for a given match, when it depends on its surroundings. */
  entityFor?: (text: string, start: number, end: number) => EntityType;
}

const DIGIT = /\d/;
/** The mask of runs of digits of these lengths (see `TextProfile.runs`). */
const runBits = (...lengths: number[]) => lengths.reduce((mask, n) => mask | runBit(n), 0);

const label = (words: string) =>
  `(?:${words})(?:\\s+(?:number|no\\.?|num|#|id))?(?:\\s+is)?[\\s:#.-]*`;

const PHONE_CONTEXT = [
  'phone',
  'telephone',
  'tel',
  'cell',
  'mobile',
  'call',
  'text',
  'reach',
  'number',
  'office',
  'desk',
  'home',
  'work',
  'contact',
  'fax',
  'whatsapp',
];
const FAX = new Set(['fax', 'facsimile']);

function phoneScore(match: string): number | null {
  const main = match.replace(/\s*(?:x|ext\.?)\s*\d+$/i, '');
  const digits = main.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  // Dates, year ranges, versions and IP-like numbers are not phone numbers.
  if (/^\d+\.\d+\.\d+\.\d+$/.test(match)) return null;
  if (/^(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d$/.test(match)) return null;
  // Bare digits ("4155550132") are a phone number only with a context word: account numbers,
  // ids and amounts look the same.
  if (/^\d+$/.test(match)) return 0.3;
  if (
    /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(match) ||
    /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(match)
  )
    return null;
  // libphonenumber's validation (the costly part) only where it can succeed: an international
  // number, or a US one (ten digits, or eleven after a 1). Anything else needs a context word.
  const international = main.startsWith('+') || main.startsWith('00');
  const national = digits.length === 10 || (digits.length === 11 && digits.startsWith('1'));
  if (!international && !national) return 0.3;
  return phoneValid(main, digits) ? 0.7 : 0.3;
}

/**
 * A bare domain in prose, not two sentences run together ("time.It", "feel.In"): a lower-case
 * top-level domain, and when that is also an English word (in, it, me, ...) a name part that
 * a sentence would not end with (a digit, a hyphen, or "www.").
 */
function plausibleDomain(match: string): boolean {
  if (/^\d+(\.\d+)*$/.test(match) || !/[a-z]{2}/i.test(match)) return false;
  const dot = match.lastIndexOf('.');
  const tld = match.slice(dot + 1);
  if (tld !== tld.toLowerCase()) return false;
  if (!WORD_TLDS.has(tld)) return true;
  return /^www\./i.test(match) || /[\d-]/.test(match.slice(0, dot));
}
const WORD_TLDS = new Set(['in', 'it', 'is', 'me', 'no', 'be', 'at', 'us', 'so', 'to', 'do', 'co']);

/** A year or a range of years ("2019", "2019-2020"): never an identifier after a label. */
const YEARS = /^(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?$/;
const notAYear = (score: number) => (match: string) => (YEARS.test(match) ? null : score);

const VIN_CONTEXT = new Set(['vin', 'vehicle', 'chassis']);
/** A US state's two-letter code right before a number ("Austin, TX 78701"). */
const US_STATE_BEFORE =
  /\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]),?\s+$/;

const MONTHS =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/**
 * Month names as a date without a year writes them: capitalised, or written out in lower case
 * except "march" and "may" (verbs far more often than months).
 */
const MONTH_NAMES =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|january|february|april|june|july|august|september|october|november|december)';
/** What every month name holds, in any case, inside a word or not ("mid-March", "June's"). */
const MONTH_STEM = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const DATE_CONTEXT = [
  'born',
  'dob',
  'birth',
  'birthday',
  'admitted',
  'discharged',
  'died',
  'date',
  'since',
  'on',
];

const RECOGNIZERS: PatternRecognizer[] = [
  {
    name: 'email',
    entity: 'EMAIL_ADDRESS',
    pattern:
      /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[A-Za-z]{2,24}\b/gu,
    score: 1,
    needs: AT,
  },
  {
    name: 'url',
    entity: 'URL',
    pattern: /\b(?:https?:\/\/|www\.)[^\s<>"'()]+[^\s<>"'().,;:!?]/gi,
    score: 0.85,
    needs: COLON | WWW,
  },
  {
    name: 'domain',
    entity: 'DOMAIN_NAME',
    pattern:
      /(?<![a-z0-9.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}(?:com|org|net|edu|gov|mil|int|info|biz|io|co|uk|us|ca|au|de|fr|nl|be|se|no|dk|fi|pl|cz|es|it|pt|ch|at|ie|nz|in|jp|cn|ru|br|mx|za|health|app|dev)\b/gi,
    score: 0.5,
    needs: DOT_LETTER,
    validate: (match) => (plausibleDomain(match) ? 0.5 : null),
  },
  {
    name: 'ipv4',
    entity: 'IP_ADDRESS',
    pattern: /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.]*\d)/g,
    score: 0.6,
    minDigits: 4,
    needs: DIGIT_DOT,
    context: ['ip', 'address', 'server', 'host', 'client'],
    validate: (match) => (ipv4Valid(match) ? 0.95 : null),
  },
  {
    name: 'ipv6',
    entity: 'IP_ADDRESS',
    pattern: /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi,
    score: 0.9,
    needs: COLON,
    validate: (match) =>
      isIPv6(match) && /[0-9a-f]{1,4}:[0-9a-f]{0,4}:/i.test(match) ? 0.9 : null,
  },
  {
    name: 'ssn',
    entity: 'US_SSN',
    pattern: /(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])/g,
    score: 0.5,
    minDigits: 9,
    // 123-45-6789: runs of exactly three, two and four digits.
    allRuns: runBits(3, 2, 4),
    context: ['ssn', 'social', 'security', 'ss#', 'ssn#'],
    validate: (match) => (ssnValid(match) ? 0.85 : null),
  },
  {
    name: 'ssn-labelled',
    entity: 'US_SSN',
    pattern: new RegExp(`\\b${label('ssn|social security(?: number)?|ss#')}(\\d{9})\\b`, 'gi'),
    group: 1,
    score: 0.9,
    minDigits: 9,
    allRuns: runBits(9),
    labelled: true,
    validate: (match) => (ssnValid(match) ? 0.9 : null),
  },
  {
    name: 'credit-card',
    entity: 'CREDIT_CARD',
    pattern:
      /(?<![\d-])[2-6]\d{3}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\d-])|(?<![\d-])3[47]\d{2}[ -]?\d{6}[ -]?\d{5}(?![\d-])/g,
    score: 0.5,
    minDigits: 13,
    // The first run: a group of four, two or three groups joined, all of it; Amex 4-6-5.
    anyRun: runBits(4, 8, 10, 12, 13, 14, 15, 16, 17, 18, 19),
    validate: (match) => {
      const digits = match.replace(/\D/g, '').length;
      // Fifteen digits are American Express (34, 37) only: other 15-digit numbers are IMEIs.
      if (digits === 15 && !/^3[47]/.test(match)) return null;
      return digits >= 13 && digits <= 19 && luhnValid(match) ? 1 : null;
    },
  },
  {
    name: 'iban',
    entity: 'IBAN_CODE',
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    score: 0.5,
    minDigits: 8,
    validate: (match) => (ibanValid(match) ? 1 : null),
  },
  {
    name: 'mrn',
    entity: 'MEDICAL_RECORD_NUMBER',
    pattern: new RegExp(
      `\\b${label('mrn|medical record|med rec|chart|patient id|patient number|hospital number')}([A-Z]{0,3}-?\\d{4,12}[A-Z]?)\\b`,
      'gi',
    ),
    group: 1,
    score: 0.9,
    validate: notAYear(0.9),
    minDigits: 4,
    labelled: true,
  },
  {
    name: 'health-plan',
    entity: 'HEALTH_PLAN_ID',
    pattern: new RegExp(
      `\\b${label('member|membership|policy|subscriber|health plan|insurance|insurance id|beneficiary|medicaid|medicare|group')}([A-Z0-9]{1,4}-?[A-Z0-9]{4,16})\\b`,
      'gi',
    ),
    group: 1,
    score: 0.85,
    minDigits: 4,
    labelled: true,
    validate: (match) => (DIGIT.test(match) && !YEARS.test(match) ? 0.85 : null),
  },
  {
    // Medicare Beneficiary Identifier (CMS format: 11 characters, no S, L, O, I, B, Z).
    name: 'medicare-mbi',
    entity: 'HEALTH_PLAN_ID',
    pattern:
      /\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}\b/g,
    score: 0.5,
    minDigits: 5,
    // It ends with two letters and exactly two digits.
    allRuns: runBits(2),
    context: ['medicare', 'mbi', 'beneficiary', 'insurance', 'plan', 'member'],
  },
  {
    name: 'account',
    entity: 'ACCOUNT_NUMBER',
    pattern: new RegExp(
      `\\b${label('account|acct|a/c|bank account|checking|savings|routing')}(\\d[\\d-]{5,18}\\d)\\b`,
      'gi',
    ),
    group: 1,
    score: 0.8,
    minDigits: 6,
    labelled: true,
  },
  {
    name: 'driver-license',
    entity: 'US_DRIVER_LICENSE',
    pattern: new RegExp(
      `\\b${label("driver'?s?'? licen[cs]e|driving licen[cs]e|dl|licen[cs]e")}([A-Z]{0,2}\\d{5,14}|[A-Z]\\d{3}-?\\d{3,4}-?\\d{2,4}(?:-?\\d{1,3})?)\\b`,
      'gi',
    ),
    group: 1,
    score: 0.85,
    minDigits: 4,
    labelled: true,
  },
  {
    name: 'vin',
    entity: 'VEHICLE_ID',
    pattern: /\b[A-HJ-NPR-Z0-9]{17}\b/gi,
    score: 0.3,
    minDigits: 1,
    minStretch: 17,
    context: ['vin', 'vehicle', 'car', 'truck', 'chassis'],
    // A VIN whose check digit holds is one; otherwise only a labelled one counts.
    validate: (match, text, start) =>
      !/\d/.test(match) || !/[a-z]/i.test(match)
        ? null
        : vinValid(match)
          ? 1
          : hasContext(text, start, start + match.length, VIN_CONTEXT)
            ? 0.3
            : null,
  },
  {
    name: 'mac-address',
    entity: 'DEVICE_ID',
    pattern: /\b[0-9A-F]{2}(?:([:-])[0-9A-F]{2})(?:\1[0-9A-F]{2}){4}\b/gi,
    score: 0.7,
    needs: COLON | DASH,
    context: ['mac', 'device', 'wifi', 'bluetooth', 'address'],
  },
  {
    name: 'imei',
    entity: 'DEVICE_ID',
    pattern: /(?<!\d)\d{15}(?!\d)/g,
    score: 0.3,
    minDigits: 15,
    allRuns: runBits(15),
    context: ['imei', 'device', 'phone', 'handset'],
    validate: (match) => (luhnValid(match) ? 0.3 : null),
  },
  {
    name: 'device-labelled',
    entity: 'DEVICE_ID',
    pattern: new RegExp(
      `\\b${label('serial|serial number|device|device id|udid|imei|pacemaker serial|implant serial|pump serial')}((?=[A-Z0-9-]{0,39}\\d)[A-Z0-9][A-Z0-9-]{5,39})\\b`,
      'gi',
    ),
    group: 1,
    score: 0.8,
    minDigits: 1,
    labelled: true,
  },
  {
    name: 'phone',
    entity: 'PHONE_NUMBER',
    pattern:
      /(?<![\w+-])(?:\+\d{1,3}[ .-]?|1[ .-])?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?:\s?(?:x|ext\.?)\s?\d{1,6})?(?![\w-])|(?<![\w+])\+?\d{10,14}(?!\w)/gi,
    score: 0.3,
    minDigits: 7,
    // Grouped numbers end with a group of two to four digits; bare ones are 10 to 14 long.
    anyRun: runBits(2, 3, 4, 10, 11, 12, 13, 14),
    context: PHONE_CONTEXT,
    validate: phoneScore,
    entityFor: (text, start, end) =>
      hasContext(text, start, end, FAX) ? 'FAX_NUMBER' : 'PHONE_NUMBER',
  },
  {
    name: 'date',
    entity: 'DATE_TIME',
    pattern: new RegExp(
      [
        '\\b\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}(?::\\d{2})?)?\\b',
        '\\b\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})\\b',
        `\\b\\d{1,2}(?:st|nd|rd|th)?(?: of)? ${MONTHS}\\.?,? \\d{4}\\b`,
        `\\b${MONTHS}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}\\b`,
      ].join('|'),
      'gi',
    ),
    score: 0.6,
    minDigits: 3,
    // Every form ends with a year of four digits or two after a separator.
    anyRun: runBits(2, 4),
    context: DATE_CONTEXT,
  },
  {
    // Safe Harbor removes every element of a date but the year: "March 3rd", "the 3rd of May".
    name: 'date-without-year',
    entity: 'DATE_TIME',
    pattern: new RegExp(
      [
        `\\b${MONTH_NAMES}\\.? (?:the )?(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\\b(?!,? \\d{4}|[:.,]\\d|%|\\s+(?:of|years?|yrs?|months?|weeks?|days?|hours?|minutes?|times|people|kids|children)\\b)`,
        `\\b(?:the )?(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?: of)? ${MONTH_NAMES}\\b(?!\\.?,? \\d{4})(?:(?<=\\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec))\\.)?`,
      ].join('|'),
      'g',
    ),
    score: 0.6,
    minDigits: 1,
    anyRun: runBits(1, 2),
    precheck: MONTH_STEM,
    context: DATE_CONTEXT,
  },
  {
    // 7/14 is a date only with a word that says so: scores ("7/10") and fractions look the same.
    name: 'date-numeric-without-year',
    entity: 'DATE_TIME',
    pattern:
      /(?<![\d/.-])(?:1[0-2]|0?[1-9])\/(?:[12]\d|3[01]|0?[1-9])(?![\d/-]|\.\d|\s*(?:of|out of)\b)/g,
    score: 0.3,
    minDigits: 2,
    needs: SLASH,
    context: [
      'born',
      'dob',
      'birth',
      'birthday',
      'admitted',
      'admission',
      'discharged',
      'discharge',
      'died',
      'death',
      'date',
      'appointment',
      'surgery',
      'scheduled',
    ],
  },
  {
    // "I'm 95", "she turned 91": a stated age over 89 (Safe Harbor), not a count or a share.
    name: 'age-over-89-stated',
    entity: 'DATE_TIME',
    pattern:
      /\b(?:i['’]m|i am|he['’]s|he is|she['’]s|she is|just turned|turned|turning)\s+(9\d|1[01]\d)\b(?!\s*(?:%|percent|per cent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|times|pounds|lbs?|kg|kilos?|miles?|km|dollars|bucks|cents?|degrees|°|points|pages|calls|messages|texts|emails|steps|people|times|x|×|out of|of|with (?:you|that|it|this)|sure|certain|\/|[.,]\d))/gi,
    group: 1,
    score: 0.6,
    minDigits: 2,
    needs: AGE_LIKE,
  },
  {
    name: 'age-over-89',
    entity: 'DATE_TIME',
    pattern:
      /\b(?:(?:9\d|1[01]\d)[- ](?:years?|yrs?)[- ]old|(?:aged?|age:)\s*(?:9\d|1[01]\d))\b|\b(?:9\d|1[01]\d)(?:yo|y\/o)\b/gi,
    score: 0.85,
    minDigits: 2,
    needs: AGE_LIKE,
  },
  {
    name: 'zip',
    entity: 'ZIP_CODE',
    pattern: /(?<![\d-])\d{5}(?:-\d{4})?(?![\d-])/g,
    score: 0.2,
    minDigits: 5,
    allRuns: runBits(5),
    context: ['zip', 'zipcode', 'postal', 'postcode', 'code', 'address'],
    validate: (match, text, start) =>
      US_STATE_BEFORE.test(text.slice(Math.max(0, start - 6), start)) ? 0.75 : 0.2,
  },
];

const CONTEXT_SETS = new Map(RECOGNIZERS.map((r) => [r, new Set(r.context ?? [])]));

/** Any of the labels the labelled recognizers look for (one test spares six regexes). */
const LABELS =
  /ssn|social|mrn|medical|med rec|chart|patient|hospital|member|policy|subscriber|plan|insurance|beneficiary|medicaid|medicare|group|account|acct|a\/c|checking|savings|routing|licen[cs]e|\bdl\b|serial|device|udid|imei/i;

/** Every pattern recognizer's findings in a text, before overlaps are resolved. */
export function patternFindings(text: string, { profile } = tokenize(text)): Finding[] {
  const { digits, flags, runs, stretch } = profile;
  const findings: Finding[] = [];
  // Every recognizer needs a digit or one of the flagged characters: most texts need none.
  if (digits === 0 && flags === 0) return findings;
  let labels: boolean | undefined;
  for (const recognizer of RECOGNIZERS) {
    if (recognizer.minDigits !== undefined && digits < recognizer.minDigits) continue;
    if (recognizer.needs !== undefined && (flags & recognizer.needs) === 0) continue;
    if (recognizer.anyRun !== undefined && (runs & recognizer.anyRun) === 0) continue;
    if (recognizer.allRuns !== undefined && (runs & recognizer.allRuns) !== recognizer.allRuns)
      continue;
    if (recognizer.minStretch !== undefined && stretch < recognizer.minStretch) continue;
    if (recognizer.precheck && !recognizer.precheck.test(text)) continue;
    if (recognizer.labelled && !(labels ??= LABELS.test(text))) continue;
    const pattern = recognizer.pattern;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (match[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const value = recognizer.group ? match[recognizer.group] : match[0];
      if (!value) continue;
      const start = recognizer.group ? match.index + match[0].lastIndexOf(value) : match.index;
      const end = start + value.length;
      let score: number | null = recognizer.score;
      if (recognizer.validate) score = recognizer.validate(value, text, start);
      if (score === null) continue;
      if (score < 1 && hasContext(text, start, end, CONTEXT_SETS.get(recognizer)!))
        score = boosted(score);
      findings.push({
        entityType: recognizer.entityFor?.(text, start, end) ?? recognizer.entity,
        start,
        end,
        score: Math.round(score * 100) / 100,
        recognizer: recognizer.name,
      });
    }
  }
  return findings;
}
