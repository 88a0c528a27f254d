import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalMessage } from '../../standardization/conversation/canonical';
import { isPlainText } from '../../standardization/conversation/text-normalization';
import {
  type ConversationScan,
  minHashOf,
  scanConversation,
  scanMessages,
  type TextShape,
} from './quality';
import { compile, moduleText } from '../../../../scripts/wasm/build-wasm';

/**
 * What scanConversation computes, written plainly (one simple pass per figure), to hold the
 * WebAssembly loop to.
 */
/** A scan's figures (without its method). */
type Figures = Omit<ConversationScan, 'copyMinimums'>;

/** A 32-bit finaliser: xor-shift, multiply, xor-shift, multiply, xor-shift (unsigned). */
function finalise(value: number, s1: number, m1: number, s2: number, m2: number, s3: number) {
  let h = value ^ (value >>> s1);
  h = Math.imul(h, m1);
  h ^= h >>> s2;
  h = Math.imul(h, m2);
  return (h ^ (h >>> s3)) >>> 0;
}

/** murmur3's finaliser. */
const mix = (value: number) => finalise(value, 16, 0x85ebca6b, 13, 0xc2b2ae35, 16);

/**
 * The content key, written plainly: 8 lanes, each an FNV-1a-like chain (xor, then multiply)
 * with its own start and multiplier. Every lane takes each message's role code and length; then
 * lane j takes code units j, j + 8, j + 16, ... of the text, padded with 0 to a multiple of 8,
 * and after each block of 8 the low half, moved up, of the lane before it among lanes 0-3 or
 * 4-7.
 * The key's halves run all lanes through chains of two finalisers.
 */
function referenceKey(messages: CanonicalMessage[]): { high: number; low: number } {
  const starts = [
    0x811c9dc5, 0x050c5d1f, 0x2f1e0d3c, 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f,
  ];
  const times = [
    0x01000193, 0x0100019d, 0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646d,
  ];
  const lanes = [...starts];
  const take = (lane: number, value: number) => {
    lanes[lane] = Math.imul(lanes[lane] ^ value, times[lane]);
  };
  for (const { role, content } of messages) {
    for (let lane = 0; lane < 8; lane++) {
      take(lane, role.charCodeAt(0));
      take(lane, content.length);
    }
    for (let i = 0; i < content.length; i += 8) {
      for (let lane = 0; lane < 8; lane++) take(lane, content.charCodeAt(i + lane) || 0);
      // Each lane of a half takes the low half of the lane before it in that half, moved up.
      for (const half of [0, 4]) {
        const before = lanes.slice(half, half + 4);
        for (let k = 0; k < 4; k++) lanes[half + k] = before[k] ^ (before[(k + 3) % 4] << 16);
      }
    }
  }
  const remix = (value: number) => finalise(value, 15, 0x2c1b3c6d, 12, 0x297a2d39, 15);
  let a = 0;
  let b = 0x9e3779b9;
  for (let k = 0; k < 8; k++) {
    a = mix(a ^ lanes[7 - k]);
    b = remix(b ^ lanes[k]);
  }
  return { high: a >>> 0, low: b >>> 0 };
}

function reference(messages: CanonicalMessage[]): Figures {
  const P = 0x01000193;
  const words: number[] = [];
  const shapes: (TextShape | null)[] = [];
  for (const { role, content } of messages) {
    if (role === 'system') {
      shapes.push(null);
      continue;
    }
    const part = content.slice(0, 2000);
    const units = Array.from({ length: part.length }, (_, i) => part.charCodeAt(i));
    // Tokens: runs between spaces, tabs and line breaks; a word token is half letters or more.
    let tokens = 0;
    let wordTokens = 0;
    for (const token of part.split(/[ \t\n\r]/)) {
      if (token === '') continue;
      tokens++;
      let letters = 0;
      for (let i = 0; i < token.length; i++) if (isLetter(token.charCodeAt(i))) letters++;
      if (letters * 2 >= token.length) wordTokens++;
    }
    let longestRun = 0;
    for (let i = 0, run = 0; i < units.length; i++) {
      run = i > 0 && units[i] === units[i - 1] ? run + 1 : 1;
      longestRun = Math.max(longestRun, run);
    }
    // Words: runs of ASCII letters and digits and code units from U+00C0, lower-cased.
    let filler = units.some((unit) => unit >= 0x80) || content.length > 2000;
    const runs = String.fromCharCode(...units.map((unit) => (isWordUnit(unit) ? unit : 32)))
      .split(' ')
      .filter((word) => word !== '');
    for (const word of runs) {
      let hash = 0x811c9dc5 | 0;
      for (let i = 0; i < word.length; i++) {
        const code = word.charCodeAt(i);
        hash = Math.imul(hash ^ (code >= 65 && code <= 90 ? code + 32 : code), P);
      }
      if (words.length < 48) words.push(hash);
      const lower = word.toLowerCase();
      if (FILLER_EXACT.includes(lower) || FILLER_PREFIXES.some((p) => lower.startsWith(p)))
        filler = true;
    }
    shapes.push({ tokens, words: wordTokens, longestRun, filler, link: content.includes('://') });
  }
  return {
    key: referenceKey(messages),
    minimums: minHash(words),
    shapes,
    plain: messages.every(({ content }) => isPlainText(content)),
  };
}

/**
 * One-permutation MinHash over the word 3-shingles, written plainly: each shingle's hash picks a
 * bin by its top 4 bits and competes with the rest; an empty bin borrows the next filled bin
 * (to the right, wrapping) plus the distance times 2^28.
 */
function minHash(words: number[]): Uint32Array {
  const shingles = words.length < 3 ? [[...words, 0, 0].slice(0, 3)] : [];
  for (let i = 0; i + 2 < words.length; i++) shingles.push(words.slice(i, i + 3));
  const bins: (number | undefined)[] = Array.from({ length: 16 }, () => undefined);
  for (const [x, y, z] of shingles) {
    const value = mix(
      Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77) ^ Math.imul(z, 0xc2b2ae3d),
    );
    const bin = value >>> 28;
    bins[bin] = Math.min(bins[bin] ?? Infinity, value & 0x0fffffff);
  }
  const filled = [...bins];
  for (let bin = 0; bin < 16; bin++) {
    if (bins[bin] !== undefined) continue;
    const step = [...Array(15).keys()]
      .map((k) => k + 1)
      .find((k) => bins[(bin + k) % 16] !== undefined);
    if (step !== undefined) filled[bin] = bins[(bin + step) % 16]! + step * 0x10000000;
  }
  return Uint32Array.from(filled, (value) => value ?? 0xffffffff);
}

const FILLER_EXACT = 'n tbd foo todo lorem dolor qwerty sample foobar placeholder'.split(' ');
const FILLER_PREFIXES = ['test', 'asdf', 'xxx'];

const isAsciiLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isWordUnit = (code: number) =>
  isAsciiLetter(code) || (code >= 48 && code <= 57) || code >= 0xc0;
const isLetter = (code: number) =>
  isAsciiLetter(code) ||
  code === 39 ||
  code === 45 ||
  (code >= 0xc0 && !(code >= 0x2000 && code <= 0x2bff) && !(code >= 0xd800 && code <= 0xdfff));

const conversationOf = (messages: CanonicalMessage[]) => ({
  conversationId: 'c',
  source: 'test',
  createdAt: '2026-01-01T00:00:00.000Z',
  metadata: {},
  messages,
});

/**
 * A scan's figures as a plain object (its minimums are read at once, as they must be); the
 * minimums copied out before they were read are the same.
 */
function scanned(messages: CanonicalMessage[]): Figures {
  const scan = scanConversation(conversationOf(messages));
  const copied = new Uint32Array(20);
  scan.copyMinimums(copied, 3);
  const { key, minimums, shapes, plain } = scan;
  expect(copied.subarray(3, 19)).toEqual(minimums);
  return { key, minimums, shapes, plain };
}

describe('the text scan in WebAssembly', () => {
  it('is what wasm/text-scan.ts compiles to', () => {
    const committed = readFileSync(join(__dirname, 'text-scan.wasm.ts'), 'utf8');
    expect(committed).toBe(moduleText(compile()));
  });

  it('computes what the plain reference computes (property)', () => {
    const pieces = [
      'I feel ',
      'Anxious',
      'TODO',
      'test',
      'Testing1',
      'xxx',
      'n/a',
      'lorem',
      'asdf',
      // Near the filler prefixes (read four code units at a time), in any case.
      'TeSt',
      'tes',
      'XxX',
      'xx',
      'ASD',
      'Tea',
      'TEST',
      'aaaaaaa',
      'zzzzz',
      'z',
      '42',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      "don't",
      'well-being',
      '.',
      ',',
      '¿',
      'À',
      'é',
      'Straße',
      '’',
      '—',
      '😀',
      '心理',
      '\u00a0',
      '\uffff',
      // Links, and their parts across pieces and messages.
      'https://example.org/a',
      ':',
      '/',
      ':/',
      '//',
    ];
    const text = fc
      .array(fc.constantFrom(...pieces), { maxLength: 30 })
      .map((parts) => parts.join(''));
    // Mostly plain ASCII, where spacing and the odd control character decide plainness.
    const ascii = fc
      .array(
        fc.constantFrom('I feel ', 'calm', 'TODO', ' ', '\n', '\n\n', '.', '\u007f', '\u0001'),
        {
          maxLength: 12,
        },
      )
      .map((parts) => parts.join(''));
    const message = fc.record({
      role: fc.constantFrom('system' as const, 'user' as const, 'assistant' as const),
      // Now and then a text past the 2,000 characters a shape reads.
      content: fc.oneof(
        { weight: 6, arbitrary: text },
        { weight: 3, arbitrary: ascii },
        {
          weight: 1,
          arbitrary: fc.oneof(text, ascii).map((t) => `${t}${'word '.repeat(450)}${t}`),
        },
        {
          weight: 1,
          // Runs of one code unit and spacing across the end of the scored part, read 8 code
          // units at a time from wherever the message starts.
          arbitrary: fc
            .tuple(
              fc.integer({ min: 1980, max: 2010 }),
              fc.constantFrom('x', ' ', '\n', 'é', 'I feel ', '\n\n '),
              fc.oneof(text, ascii),
            )
            .map(([at, piece, t]) => `${t}${'w'.repeat(at - 8)}${piece.repeat(16)}${t}`),
        },
      ),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), (messages) => {
        expect(scanned(messages)).toEqual(reference(messages));
      }),
      { numRuns: 3_000 },
    );
    // Runs of each length up to 17 after texts of each length up to 9, so a run ends at every
    // lane of a block and reaches back into the message before.
    for (const unit of ['a', ' ', '\n', '\u0000'])
      for (let before = 0; before < 10; before++)
        for (let run = 1; run < 18; run++) {
          const messages: CanonicalMessage[] = [
            { role: 'user', content: 'x'.repeat(before) },
            { role: 'assistant', content: `${'y'.repeat(before)}${unit.repeat(run)}` },
          ];
          expect(scanned(messages)).toEqual(reference(messages));
        }
  });

  it('computes the MinHash of every number of words as the reference does', () => {
    // Four shingles are hashed at a time: each count leaves the last four with 1-4 of them, and
    // the words read past the count (left from earlier scans) must not reach the bins.
    minHashOf(Array.from({ length: 64 }, (_, i) => i * 0x7f4a7c15 + 99));
    for (let count = 0; count <= 64; count++) {
      const words = Array.from({ length: count }, (_, i) => Math.imul(i + 1, 0x9e3779b1) ^ count);
      expect(minHashOf(words)).toEqual(minHash(words));
    }
  });

  it('gives the minimums of a scan only until the next scan', () => {
    const first = scanConversation(conversationOf([{ role: 'user', content: 'I feel calm now.' }]));
    const minimums = first.minimums;
    scanConversation(conversationOf([{ role: 'user', content: 'Something else.' }]));
    // Read before the next scan, they stay; read after it, they are refused.
    expect(first.minimums).toBe(minimums);
    const second = scanConversation(conversationOf([{ role: 'user', content: 'Once more.' }]));
    scanConversation(conversationOf([{ role: 'user', content: 'And again.' }]));
    expect(() => second.minimums).toThrow('replaced by a later one');
    expect(() => second.copyMinimums(new Uint32Array(16), 0)).toThrow('replaced by a later one');
    // Minimums read in time can be copied later.
    const copied = new Uint32Array(16);
    first.copyMinimums(copied, 0);
    expect(copied).toEqual(minimums);
  });

  it('calls a text plain exactly when the standardizer does, also past the scanned part', () => {
    const texts = [
      'I slept badly.',
      'One line.\nAnother.\n\nA paragraph.',
      'a\n\n\nb',
      'a\n\n\n\nb',
      'a \nb',
      'a\n b',
      'a  b',
      ' a',
      'a ',
      '\na',
      'a\n',
      'a\tb',
      'a\r\nb',
      'a\u007fb',
      'a\u0001b',
      'café',
      'a\u00a0b',
      '',
    ];
    const long = 'I hear you. '.repeat(200).trim();
    for (const text of [...texts, ...texts.map((t) => `${long} ${t}`)]) {
      for (const role of ['user', 'system'] as const) {
        const scan = scanMessages([{ role, content: text }]);
        expect([text, role, scan.plain]).toEqual([text, role, isPlainText(text)]);
      }
    }
  });

  it('reads conversations larger than its memory, and small ones after them, alike', () => {
    const turns: CanonicalMessage[] = [
      { role: 'user', content: 'I cannot sleep before exams.' },
      { role: 'assistant', content: 'What goes through your mind at night?' },
    ];
    const big = (n: number): CanonicalMessage[] => [
      ...turns,
      ...Array.from({ length: n }, (_, i) => ({
        role: i % 2 ? ('assistant' as const) : ('user' as const),
        content: `turn ${i} ${'x'.repeat(i % 7)} TODO`,
      })),
    ];
    const long = (length: number, role: 'user' | 'assistant' = 'user') => ({
      role,
      content: 'Is this normal? '.repeat(length / 16),
    });
    // More messages than its table holds; more text than its memory holds at first, joined
    // (60k characters) and one message at a time (300k characters).
    for (const messages of [
      big(5000),
      [long(20_000), long(20_000, 'assistant'), long(20_000)],
      [{ role: 'user' as const, content: 'é'.repeat(300_000) }],
    ])
      expect(scanned(messages)).toEqual(reference(messages));
    expect(scanned(turns)).toEqual(reference(turns));
  });
});
