/**
 * Text as it should be stored: Unicode NFC, line breaks as \n, no zero-width or control
 * characters, runs of spaces and tabs as one space, no trailing spaces, at most one blank line in
 * a row, trimmed; and the common mojibake of UTF-8 read as Windows-1252 or Latin-1 repaired.
 */
export function normalizeText(text: string): { text: string; repaired: boolean } {
  // Most text needs nothing: plain ASCII without odd spacing is returned as it is.
  const plain = !NOT_PLAIN.test(text);
  if (plain && !oddSpacing(text)) return { text, repaired: false };
  return normalizeFurther(text, plain);
}

/**
 * Whether normalizeText would return the text as it is because it is plain ASCII without odd
 * spacing (the common case, answered without building a result).
 */
export function isPlainText(text: string): boolean {
  // One pass answers the common case: no character and no pair of spacing characters that
  // either test below looks for.
  if (!NOT_PLAIN_OR_DOUBLE_SPACE.test(text)) return !spaceAtEdge(text);
  return !NOT_PLAIN.test(text) && !oddSpacing(text);
}

function normalizeFurther(text: string, plain: boolean): { text: string; repaired: boolean } {
  let repaired = text;
  let changed = false;
  if (!plain) {
    // Invisible characters go first and composition comes before repair, so neither can hide a
    // mojibake sequence; repair runs until nothing changes (text encoded twice needs two rounds),
    // which makes normalizing normalized text a no-op.
    const visible = INVISIBLE.test(text) ? text.replace(INVISIBLE_ALL, '') : text;
    repaired = visible.normalize('NFC');
    for (let round = 0; round < 4; round++) {
      const next = repairMojibake(repaired).normalize('NFC');
      if (next === repaired) break;
      repaired = next;
      changed = true;
    }
  }
  if (!SPECIAL_SPACE.test(repaired) && !oddSpacing(repaired))
    return { text: repaired, repaired: changed };
  const normalized = repaired
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text: normalized, repaired: changed };
}

/** Control characters (but tab and line breaks), zero-width characters and byte-order marks. */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** Anything but printable ASCII and \n. */
const NOT_PLAIN = /[^\x20-\x7E\n]/;
/** Characters the spacing rules below remove or replace. */
const SPECIAL_SPACE =
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  /[\r\t\u00A0\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/;

const DOUBLE_SPACE = /[ \n][ \n]/;
/** NOT_PLAIN or DOUBLE_SPACE, in one pass over the text. */
const NOT_PLAIN_OR_DOUBLE_SPACE = /[^\x20-\x7E\n]|[ \n][ \n]/;

/** Whether the text starts or ends with a space or a line break. */
function spaceAtEdge(text: string): boolean {
  if (text.length === 0) return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first === 32 || first === 10 || last === 32 || last === 10;
}

/** Spacing the rules below would change (checked cheaply first: most text has none). */
function oddSpacing(text: string): boolean {
  if (spaceAtEdge(text)) return true;
  // Two spacing characters in a row (also a legitimate paragraph break): then look closer.
  return DOUBLE_SPACE.test(text) && / {2}| \n|\n |\n{3}/.test(text);
}

/** Windows-1252's characters for the bytes 0x80-0x9F (where it differs from Latin-1). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
  0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const CP1252_BYTE = new Map<number, number>(CP1252_HIGH.map((code, i) => [code, 0x80 + i]));

function byteOf(code: number): number | undefined {
  if (code < 0x80) return code;
  const cp1252 = CP1252_BYTE.get(code);
  if (cp1252 !== undefined) return cp1252;
  return code <= 0xff ? code : undefined;
}

const CONTINUATION = `\\u0080-\\u00BF${CP1252_HIGH.filter((c) => c > 0xff)
  .map((c) => `\\u${c.toString(16).padStart(4, '0')}`)
  .join('')}`;
/** A UTF-8 lead byte read as one character, followed by the continuation bytes read likewise. */
const MOJIBAKE = new RegExp(
  `[\\u00C2-\\u00DF][${CONTINUATION}]|[\\u00E0-\\u00EF][${CONTINUATION}]{2}|[\\u00F0-\\u00F4][${CONTINUATION}]{3}`,
  'g',
);
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Repairs UTF-8 that was decoded as Windows-1252 or Latin-1 ("Ã©" → "é", "â€™" → "’"): each
 * suspicious sequence is turned back into its bytes and kept only if they are valid UTF-8.
 */
export function repairMojibake(text: string): string {
  if (!/[\u00C2-\u00F4]/.test(text)) return text;
  return text.replace(MOJIBAKE, (sequence) => {
    const bytes: number[] = [];
    for (const char of sequence) {
      const byte = byteOf(char.codePointAt(0)!);
      if (byte === undefined) return sequence;
      bytes.push(byte);
    }
    let repaired: string;
    try {
      repaired = decoder.decode(Uint8Array.from(bytes));
    } catch {
      return sequence;
    }
    // A private-use or control character is no repair: the original was most likely meant.
    return /[\u0080-\u009F\uE000-\uF8FF]/.test(repaired) ? sequence : repaired;
  });
}
