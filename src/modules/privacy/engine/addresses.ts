import type { Finding } from './entities';
import { PLACES } from './lexicon';
import { DIGIT_SPACE, SPACE_DIGIT, tokenize } from './tokens';

/** Street types written after the name ("Argyll Road", "Main St."). */
const STREET_TYPES =
  'street|st|road|rd|avenue|ave|av|drive|dr|lane|ln|boulevard|blvd|way|place|pl|court|ct|terrace|ter|circle|cir|square|sq|highway|hwy|parkway|pkwy|alley|crescent|cres|trail|trl|plaza|pike|mews|wharf|quay|esplanade|promenade';
/**
 * Street types written out are everyday words ("in a way", "3 miles down the road"): after a
 * number they make an address only when the street name before them is capitalised ("12 Abbey
 * Way"); the abbreviations ("12 main st") need no capital.
 */
const EVERYDAY_TYPES =
  /\b(?:street|road|avenue|drive|lane|boulevard|way|place|court|terrace|circle|square|highway|parkway|alley|crescent|trail|plaza|pike|mews|wharf|quay|esplanade|promenade)$/i;
const CAPITALISED_NAME = /^\d{1,6}[a-zA-Z]?(?:[ ,]+\d{1,6})?\s+\p{Lu}\p{Ll}/u;
/** Street words written before the name ("rue Descartes", "Calle Mayor"). */
const STREET_PREFIXES =
  'rue|avenue|boulevard|chemin|place|calle|carrer|avenida|rua|travessa|via|viale|piazza|corso|largo|strada|ulica|ul\\.|aleja|plac|ulice|náměstí|utca|út|πλατεία|οδός|odos';
/** Street words joined to the name ("Nassaustraat", "Auerstrasse", "Ziegelgasse", "Kapelaniestraat"). */
const STREET_COMPOUNDS =
  'straat|strasse|straße|gasse|weg|laan|vej|gatan|gata|gade|allee|allée|platz|plein|dijk|kade|singel|steeg|gränd|utca|útja|katu|polku|kuja|ulica|gürtel';
const UNIT =
  '(?:,?\\s*(?:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|#)\\.?\\s*#?\\s*\\d+[a-z]?)';
const WORD = "[\\p{L}\\p{M}][\\p{L}\\p{M}'’.-]*";

/** "rue|via" → "[rR]ue|[vV]ia": the words in either case, so a pattern can do without the i flag. */
const eitherCase = (words: string) =>
  words
    .split('|')
    .map((word) => `[${word[0]}${word[0].toUpperCase()}]${word.slice(1)}`)
    .join('|');

/** A number then a word: every address pattern that starts with a house number needs one. */
const NUMBER_WORD = /(?<![\d,])\d{1,6}[a-z]?(?:[ ,]+\d{1,6})?\s+\p{L}/iu;
const PREFIX_WORD = new RegExp(`(?:${STREET_PREFIXES})\\s`, 'iu');
const COMPOUND_WORD = new RegExp(`(?:${STREET_COMPOUNDS})\\s+\\d`, 'iu');
const UNIT_WORD = /(?:apt|apartment|suite|ste|unit)\.?\s*#?\s*\d/i;
const ADDRESS_LEAD =
  /address|lives? (?:at|on)|located|return to|is (?:on|at)|moved to|send|ship to|mail to|resid|lived in/i;

/**
 * Right before an address written in lower case ("I live at 42 oak street"): with one of these
 * leads a street type after a number is an address even without capitals.
 */
const LEAD_BEFORE =
  /(?:address(?: is)?|lives? (?:at|on)|lived (?:at|on)|located at|moved (?:in )?to|send (?:it )?to|ship (?:it )?to|mail (?:it )?to|resides? at|residing at)[:\s]{1,3}$/i;

/** The pattern of words and a number after an address lead ("lives at", "address:"). */
let LED: RegExp;

/**
 * After "address" anything can follow; after the other leads ("is at", "send it to") the
 * address starts with a house number or a capital ("is at work until 5" is not one).
 */
function ledAddress(text: string, at: number, value: string): boolean {
  if (/address/i.test(text.slice(Math.max(0, at - 24), at))) return true;
  return /^(?:\d|\p{Lu})/u.test(value);
}

/**
 * Each pattern with what a text must have before the pattern is run on it: a character of the
 * text's profile (DIGIT_SPACE, SPACE_DIGIT; 0 for none), then a cheap test.
 */
const PATTERNS: [RegExp, number, RegExp][] = [
  // 221B Baker Street, 1755 Nelson Mandela Drive Apt. 4
  [
    new RegExp(
      `(?<![\\p{L}\\d])\\d{1,6}[a-z]?(?:[ ,]+\\d{1,6})?\\s+(?:${WORD}\\s+){0,4}?(?:${STREET_TYPES})\\b(?:(?<=\\b(?:st|rd|ave|av|dr|ln|blvd|pl|ct|ter|cir|sq|hwy|pkwy|cres|trl))\\.)?${UNIT}?`,
      'giu',
    ),
    DIGIT_SPACE,
    NUMBER_WORD,
  ],
  // 16 48 rue Descartes, 107 Rue Abdelaziz Thâalbi
  [
    new RegExp(
      `(?<![\\p{L}\\d])\\d{1,6}(?:[ ,]+\\d{1,6})?\\s+(?:${STREET_PREFIXES})\\s+${WORD}(?:[ \\t]+${WORD}){0,3}`,
      'giu',
    ),
    DIGIT_SPACE,
    NUMBER_WORD,
  ],
  // rue Descartes 16, Calle Mayor 5, Πλατεία Μαβίλη 170
  [
    new RegExp(
      `(?<![\\p{L}])(?:\\d{1,6}\\s+)?(?:${eitherCase(STREET_PREFIXES)})\\s+\\p{Lu}[\\p{L}\\p{M}'’.-]*\\s+(?:${WORD}\\s+){0,3}?\\d{1,5}[a-z]?\\b${UNIT}?`,
      'gu',
    ),
    SPACE_DIGIT,
    PREFIX_WORD,
  ],
  // Nassaustraat 123, Weblinger Gürtel 92 Apt. 584
  [
    new RegExp(
      `(?<![\\p{L}\\p{M}'’.-])(?:\\d{1,6}\\s+(?:${WORD}\\s+){0,2}?[\\p{L}\\p{M}]*|(?:\\p{Lu}[\\p{L}\\p{M}'’.-]*\\s+){0,2}?\\p{Lu}[\\p{L}\\p{M}]*)(?:${STREET_COMPOUNDS})\\s+\\d{1,5}[a-z]?\\b\\.?${UNIT}?`,
      'gu',
    ),
    SPACE_DIGIT,
    COMPOUND_WORD,
  ],
  // A unit on its own line or after the street: "Apt. 018", "Suite 246".
  [
    new RegExp(`(?<![\\p{L}])(?:apt|apartment|suite|ste|unit)\\.?\\s*#?\\s*\\d+[a-z]?\\b`, 'giu'),
    0,
    UNIT_WORD,
  ],
  // 46 velký průhon 426: a number, one to three words, a number (after an address lead only).
  [
    (LED = new RegExp(
      `(?<=(?:address(?: is)?(?: with)?|lives (?:at|on)|live (?:at|on)|located at|return to|is on|is at|moved to|send (?:it )?to|ship to|mail to|reside at|residing at|lived in)[:\\s]{1,3}(?:it is\\s{1,3})?)(?:\\d{1,5}\\s+)?(?:${WORD}\\s+){1,3}\\d{1,5}[a-z]?\\b\\.?${UNIT}?`,
      'giu',
    )),
    SPACE_DIGIT,
    ADDRESS_LEAD,
  ],
];

/** A line of a postal block: a few place words ("Gleniti", ", nan", "Saarjärve, JN"). */
const PLACE_LINE = /^[ \t]*,?[ \t]*(?:[\p{L}\p{M}'’().-]+(?:[ \t,]+|$)){1,6}$/u;
/** The line that ends a postal block: place words, then the postal code (text may follow). */
const POSTAL_LINE =
  /^[ \t]*,?[ \t]*(?:[\p{L}\p{M}'’().-]+(?:[ \t,]+|(?=\d))){0,6}\d{4,6}(?:-\d{4})?\b/u;
/** "…, Lyss, Canada" or "… HEILIGENBRUNN France" after a street on the same line. */
const SAME_LINE_TAIL =
  /^(?:,?[ \t]+[\p{Lu}\p{Lt}][\p{L}\p{M}'’.-]*(?:[ \t]+[\p{L}\p{M}'’.-]+){0,3}){1,4}(?:[ \t,]+\d{4,6})?/u;
/** Words that start a sentence rather than an address ("lives on", "corner of"). */
const LEADING_WORDS = /^(?:(?:lives|live|is|on|at|in|with|the|corner|of|to|and)\s+)+/i;

/**
 * Street addresses: a number and a street type ("87 Jakobi Road"), a street word before the
 * name ("rue Descartes 16") or joined to it ("Nassaustraat 123"), units ("Apt. 018"), and the
 * postal block that follows a street on the next lines (town, region, country, postal code), as
 * address blocks of forms and e-mail signatures are written. Score 0.7; a block that ends with a
 * postal code 0.85.
 */
export function addressFindings(text: string, profile = tokenize(text).profile): Finding[] {
  if (profile.digits === 0) return [];
  const findings: Finding[] = [];
  for (const [pattern, flag, needs] of PATTERNS) {
    if ((flag !== 0 && (profile.flags & flag) === 0) || !needs.test(text)) continue;
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const lead = LEADING_WORDS.exec(match[0])?.[0].length ?? 0;
      const start = match.index + lead;
      // A sentence's full stop is not part of the address; an abbreviation's is ("Main St.").
      let end =
        match.index + match[0].replace(/[\s,]+$/, '').replace(/(?<![A-Z][a-z]{0,3})\.$/, '').length;
      const value = text.slice(start, end);
      if (!/\d/.test(value)) continue;
      if (
        EVERYDAY_TYPES.test(value) &&
        !CAPITALISED_NAME.test(value) &&
        !LEAD_BEFORE.test(text.slice(Math.max(0, start - 24), start))
      )
        continue;
      if (pattern === LED && !ledAddress(text, match.index, value)) continue;
      let score = 0.7;
      const tail = SAME_LINE_TAIL.exec(text.slice(end));
      if (tail && placeTail(tail[0])) end += tail[0].replace(/\.$/, '').length;
      const block = postalBlockEnd(text, end);
      if (block > end) {
        end = block;
        score = 0.85;
      }
      findings.push({
        entityType: 'STREET_ADDRESS',
        start,
        end,
        score,
        recognizer: 'street-address',
      });
    }
  }
  return findings;
}

/** A same-line tail counts when it is comma-separated or its words are places or capitals. */
function placeTail(tail: string): boolean {
  if (tail.includes(',')) return true;
  const words = tail
    .trim()
    .split(/[ \t]+/)
    .filter((word) => !/^\d+$/.test(word));
  return words.every((word) => PLACES.has(word.toLowerCase()) || word === word.toUpperCase());
}

/** Where the postal block after `end` finishes (at most four more lines), or `end`. */
function postalBlockEnd(text: string, end: number): number {
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1 || text.slice(end, lineEnd).trim() !== '') return end;
  let position = lineEnd;
  for (let line = 0; line < 4 && position < text.length; line++) {
    const next = text.indexOf('\n', position + 1);
    const content = text.slice(position + 1, next === -1 ? text.length : next).replace(/\r$/, '');
    if (content.includes(':')) break;
    const postal = POSTAL_LINE.exec(content);
    if (postal) return position + 1 + postal[0].length;
    if (!PLACE_LINE.test(content) || next === -1) break;
    position = next;
  }
  // Without a postal code at its end, the lines are not taken as part of the address.
  return end;
}
