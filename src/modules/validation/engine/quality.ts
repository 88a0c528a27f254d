import type {
  CanonicalConversation,
  CanonicalMessage,
} from '../../standardization/conversation/canonical';
import { overFull } from './number-table';
import { tableInt32, tableUint32 } from './table-memory';
import { TEXT_SCAN_WASM } from './text-scan.wasm';

export const QUALITY_LEVELS = [
  'excellent',
  'good',
  'acceptable',
  'needs_improvement',
  'poor',
] as const;
export type QualityLevel = (typeof QUALITY_LEVELS)[number];

export function qualityLevel(score: number): QualityLevel {
  if (score >= 0.9) return 'excellent';
  if (score >= 0.8) return 'good';
  if (score >= 0.7) return 'acceptable';
  if (score >= 0.5) return 'needs_improvement';
  return 'poor';
}

/** The measurable parts of a conversation's quality, each 0..1, and how they were weighed. */
export interface QualityParts {
  /** Turn count, alternation of user and assistant, both roles present. */
  structure: number;
  /** Message length, no placeholder / lorem / spam / repeated characters, natural-language text. */
  content: number;
  /** 1 unique, 0.5 near-duplicate of an earlier conversation, 0 exact duplicate. */
  duplicates: number;
  /** No empty turns dropped, and the conversation ends with an answer. */
  completeness: number;
}

export const QUALITY_WEIGHTS: Readonly<QualityParts> = {
  structure: 0.3,
  content: 0.3,
  duplicates: 0.2,
  completeness: 0.2,
};

export function weighted(parts: QualityParts): number {
  return round(
    parts.structure * QUALITY_WEIGHTS.structure +
      parts.content * QUALITY_WEIGHTS.content +
      parts.duplicates * QUALITY_WEIGHTS.duplicates +
      parts.completeness * QUALITY_WEIGHTS.completeness,
  );
}

export const round = (value: number) => Math.round(value * 1000) / 1000;

export function structureScore(conversation: CanonicalConversation): number {
  // One pass over the non-system turns: how many, how many changes of role, which roles.
  let turns = 0;
  let alternating = 0;
  let previous: string | undefined;
  let user = false;
  let assistant = false;
  for (const { role } of conversation.messages) {
    if (role === 'system') continue;
    if (turns > 0 && role !== previous) alternating++;
    turns++;
    previous = role;
    if (role === 'user') user = true;
    else if (role === 'assistant') assistant = true;
  }
  const count = turns >= 4 ? 1 : turns >= 2 ? 0.8 : turns === 1 ? 0.3 : 0;
  const alternation = turns < 2 ? 0 : alternating / (turns - 1);
  const roles = (user ? 0.5 : 0) + (assistant ? 0.5 : 0);
  return round(0.3 * count + 0.4 * alternation + 0.3 * roles);
}

/** Filler words and phrases; one test decides whether a message needs a closer look. */
export const PLACEHOLDER =
  /\b(lorem ipsum|dolor sit amet|placeholder|todo|tbd|asdf+|qwerty|test(ing)? ?\d*|xxx+|n\/a|sample text|foo ?bar)\b/i;
const LOREM = /\b(lorem ipsum|dolor sit amet)\b/i;
/**
 * The filler that English also uses ("a pregnancy test", "my todo list"), every occurrence, as
 * whole words of any script ("Testé" is not "test").
 */
const FILLER_WORDS =
  /(?<![\p{L}\p{N}])(placeholder|todo|tbd|asdf+|qwerty|test(ing)? ?\d*|xxx+|n\/a|sample text|foo ?bar)(?![\p{L}\p{N}])/giu;
/**
 * The stock phrasings of a placeholder, as the whole message: "This is just a test message",
 * "Testing, please ignore"; "TODO: write the answer here", "Answer: TBD".
 */
const PLACEHOLDER_PHRASE =
  /^\s*(?:(?:this is|it'?s) )?(?:just |only )?(?:an? )?(?:test(?:ing)?|sample|dummy|placeholder)(?: (?:message|answer|response|reply|text|post|entry|question|data))?(?:[\s,.!-]*(?:please |pls |plz )?ignore(?: this| it| me)?)?[\s.!]*$/i;
const PLACEHOLDER_LABEL =
  /^\s*(?:todo|tbd|fixme|placeholder)\s*[:\-\u2013]|^[^:\n]{1,30}:\s*(?:todo|tbd|n\/a|placeholder|test)[\s.!]*$/i;
const URL = /https?:\/\/\S+/g;
const PLACEHOLDER_MAX_CHARS = 200;

/** Letters of any script. */
function letterCount(text: string): number {
  let letters = 0;
  for (const char of text) if (/\p{L}/u.test(char)) letters++;
  return letters;
}

/**
 * Placeholder text: lorem ipsum anywhere in it; filler words ("TODO", "test 123", "n/a", "sample
 * text") that make up most of its letters; or a placeholder's stock phrasing as the whole message
 * ("This is a test message", "Testing, please ignore", "Answer: TBD"). A message that uses one of
 * them as English ("I failed my maths test and I feel awful", "Is this a test of my faith?", "The
 * date is TBD") is not: test anxiety, drug tests and pregnancy tests are everyday subjects of
 * counselling.
 */
export function isPlaceholder(content: string): boolean {
  if (content.length > PLACEHOLDER_MAX_CHARS || !PLACEHOLDER.test(content)) return false;
  if (LOREM.test(content)) return true;
  const rest = content.replace(FILLER_WORDS, '');
  if (rest.length === content.length) return false;
  if (letterCount(rest) * 2 < letterCount(content)) return true;
  return PLACEHOLDER_PHRASE.test(content) || PLACEHOLDER_LABEL.test(content);
}

/** What one pass over a text finds: tokens, tokens that are words, the longest run of one character. */
export interface TextShape {
  tokens: number;
  words: number;
  longestRun: number;
  /**
   * Whether the text may hold filler (a word that could start a PLACEHOLDER match, see
   * `fillerWord`, or characters the scan does not read as ASCII words): false means the
   * placeholder check would find none, so it need not run.
   */
  filler: boolean;
  /** Whether "://" is in the text (as in a link). */
  link: boolean;
}

/**
 * The words a PLACEHOLDER match can start with, in ASCII text: these whole words ("n" is the n
 * of "n/a"; "foo" and "foobar" are both forms of "foo ?bar"), or words beginning with a prefix.
 */
const FILLER_EXACT = [
  'n',
  'tbd',
  'foo',
  'todo',
  'lorem',
  'dolor',
  'qwerty',
  'sample',
  'foobar',
  'placeholder',
];
const FILLER_PREFIXES = ['test', 'asdf', 'xxx'];

/** Character classes (bits), one entry per UTF-16 code unit. */
const SEPARATOR = 1; // space, tab, line break: ends a token
const LETTER = 2; // counts towards a token being a word: letters of any script, ' and -
const WORD_CHAR = 4; // part of a hashed word: ASCII letters and digits, and everything from U+00C0
const NOT_ASCII = 16; // U+0080 and up
const UPPER = 32; // A-Z: the bit that lower-cases them, for word hashes
const CHAR_CLASS = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
  const upper = code >= 65 && code <= 90;
  const lower = code >= 97 && code <= 122;
  const digit = code >= 48 && code <= 57;
  // Letters outside ASCII: Latin-1 letters and up, but punctuation, symbols and surrogates.
  const wide =
    code >= 0xc0 && !(code >= 0x2000 && code <= 0x2bff) && !(code >= 0xd800 && code <= 0xdfff);
  CHAR_CLASS[code] =
    (code === 32 || code === 9 || code === 10 || code === 13 ? SEPARATOR : 0) |
    (upper || lower || code === 39 || code === 45 || wide ? LETTER : 0) |
    (upper || lower || digit || code >= 0xc0 ? WORD_CHAR : 0) |
    (upper ? UPPER : 0) |
    (code >= 0x80 ? NOT_ASCII : 0);
}

/**
 * Whether the word text[start..end) (letters and digits of ASCII: a text with other characters
 * is left to the placeholder check) could begin a match of PLACEHOLDER. Every alternative of
 * PLACEHOLDER starts with an ASCII letter after a word boundary, so in ASCII text a match starts
 * where a word starts, and that word is a FILLER_EXACT word or begins with a FILLER_PREFIXES one.
 */
function fillerWord(text: Uint16Array, start: number, end: number): boolean {
  const length = end - start;
  return (
    FILLER_PREFIXES.some((prefix) => length >= prefix.length && startsWith(text, start, prefix)) ||
    FILLER_EXACT.some((word) => length === word.length && startsWith(text, start, word))
  );
}

/** Bits by the lower-case word hash (top 5 bits: entry, low 5 bits: bit) of FILLER_EXACT. */
const FILLER_HASHES = new Uint32Array(32);
for (const filler of FILLER_EXACT) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < filler.length; i++) hash = Math.imul(hash ^ filler.charCodeAt(i), 0x01000193);
  FILLER_HASHES[(hash >>> 27) & 31] |= 1 << hash;
}
/**
 * FILLER_PREFIXES as the scan compares them with a word's first four code units: each prefix's
 * code units (lower case) and a mask of the units it has, as two u64 numbers.
 */
const PREFIX_UNITS = new BigUint64Array(2 * FILLER_PREFIXES.length);
FILLER_PREFIXES.forEach((prefix, p) => {
  if (prefix.length > 4) throw new RangeError(`filler prefix "${prefix}" is over 4 letters`);
  for (let i = 0; i < prefix.length; i++) {
    PREFIX_UNITS[2 * p] |= BigInt(prefix.charCodeAt(i)) << BigInt(16 * i);
    PREFIX_UNITS[2 * p + 1] |= 0xffffn << BigInt(16 * i);
  }
});

/** Whether text[start..] begins with `lower` (lower-case ASCII letters), in either case. */
function startsWith(text: Uint16Array, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    if ((text[start + i] | 32) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Only the start of a long message is examined: enough to judge it, and the cost stays flat. */
const SHAPE_CHARS = 2000;

/** One text's shape, read the way scanConversation reads each message. */
function shapeOf(text: string): TextShape {
  const single: CanonicalConversation = {
    conversationId: '',
    source: '',
    createdAt: '',
    metadata: {},
    messages: [{ role: 'user', content: text }],
  };
  return scanConversation(single).shapes[0]!;
}

/** 0..1 for one message's text: long enough, no placeholder, spam or character runs, natural language. */
export function messageContentScore(
  content: string,
  role: string,
  shape: TextShape = shapeOf(content),
): number {
  const wanted = role === 'assistant' ? 40 : role === 'user' ? 15 : 10;
  const length = Math.min(1, content.length / wanted);
  let cleanliness = 1;
  if (shape.filler && isPlaceholder(content)) cleanliness -= 0.6;
  if (shape.longestRun >= 6 && !/^[\s.\-_=*]+$/.test(content)) cleanliness -= 0.3;
  if (shape.link) {
    const urls = content.match(URL);
    if (urls && urls.join('').length > content.length / 2) cleanliness -= 0.4;
  }
  return round(Math.max(0, length * Math.max(0, cleanliness) * languageOf(shape)));
}

/**
 * How much the text reads as natural language: the share of its tokens that are mostly letters
 * (any script), scaled so that 60% or more counts fully. Symbols, codes and numbers score low;
 * a token of letters counts whatever it spells, so keyboard mash of letters is not caught (a
 * rule on vowels tried for it also caught "thanks", "stress" and "months").
 */
function languageOf({ tokens, words }: TextShape): number {
  if (tokens === 0) return 0;
  if (tokens < 3) return 1;
  return Math.min(1, words / tokens / 0.6);
}

export function contentScore(
  conversation: CanonicalConversation,
  scan: ConversationScan = scanConversation(conversation),
): number {
  let total = 0;
  let scored = 0;
  const messages = conversation.messages;
  for (let i = 0; i < messages.length; i++) {
    const shape = scan.shapes[i];
    if (!shape) continue;
    total += messageContentScore(messages[i].content, messages[i].role, shape);
    scored++;
  }
  return scored === 0 ? 0 : round(total / scored);
}

export function completenessScore(conversation: CanonicalConversation): number {
  const dropped = Number(conversation.metadata.droppedEmptyTurns ?? 0);
  const kept = conversation.messages.length;
  const noEmpty = kept + dropped === 0 ? 0 : kept / (kept + dropped);
  const answered = conversation.messages.at(-1)?.role === 'assistant' ? 1 : 0;
  return round(0.5 * noEmpty + 0.5 * answered);
}

/**
 * Near-duplicate detection by MinHash over word 3-shingles (from the first 48 words of the
 * conversation): 16 minimums (one-permutation, computed by the text scan), banded 8 × 2 so that
 * conversations sharing most shingles meet in a bucket; a candidate is a near-duplicate when at
 * least 11 of the 16 minimums agree (an estimated Jaccard similarity of about 0.7 or more).
 */
export class NearDuplicates {
  private readonly bands: BandHeads[];
  /**
   * Per conversation, in chunks of CHUNK conversations: its 16 minimums. Chunks are added, never
   * copied: on these machines the first write to a page of fresh memory costs 1.5-15 µs, so
   * arrays that double and copy cost twice their size again in page faults.
   */
  private readonly signatures: Uint32Array[] = [];
  /**
   * Blocks of BLOCK ints, in chunks: how many members the bucket has besides its head, then the
   * members in the order they joined. Side by side, the members' signatures are read at once; a
   * list linked through each member cost a cache miss for each link and then one for its
   * signature, one after the other.
   */
  private readonly blocks: Int32Array[] = [];
  private blockCount = 0;
  private count = 0;

  constructor() {
    // The bands' first buckets in one allocation: a validator of a few records (an API
    // request's) made eight, which took longer than the records.
    const first = new Int32Array(BANDS * BUCKET_CHUNK * BUCKET);
    const size = BUCKET_CHUNK * BUCKET;
    this.bands = Array.from(
      { length: BANDS },
      (_, band) => new BandHeads(band, first.subarray(band * size, (band + 1) * size)),
    );
  }

  /** The index (among those added) of an earlier near-duplicate, or -1; then remembers this one. */
  add(
    conversation: CanonicalConversation,
    minimums: Uint32Array = scanConversation(conversation).minimums,
  ): number {
    return this.addMinimums(minimums, 0);
  }

  /** `add` of the conversation whose 16 minimums start at `from` in `minimums`. */
  addMinimums(minimums: Uint32Array, from: number): number {
    const id = this.count++;
    const chunk = id >>> CHUNK_BITS;
    if (chunk === this.signatures.length) {
      // What the chunks so far hold (see table-memory.ts).
      this.signatures.push(tableUint32(CHUNK * HASHES, chunk * CHUNK * HASHES * 4));
    }
    const signature = this.signatures[chunk];
    const base = (id & CHUNK_MASK) * HASHES;
    // A loop: TypedArray.prototype.set costs more than 16 copies.
    for (let i = 0; i < HASHES; i++) signature[base + i] = minimums[from + i];
    let match = -1;
    for (let band = 0; band < BANDS; band++) {
      const heads = this.bands[band];
      const bucket = heads.bucketOf(id, signature, base);
      if (bucket < 0) continue;
      let block = heads.blockOf(bucket);
      if (match === -1) match = this.nearIn(signature, base, heads.headOf(bucket), block);
      // Buckets keep their first entries only: members of a bucket are alike, so a handful
      // stands for all of them and the cost per conversation stays bounded.
      if (block === -1) heads.setBlock(bucket, (block = this.newBlock()));
      const members = this.blocks[block >>> BLOCK_BITS];
      const at = (block & BLOCK_MASK) * BLOCK;
      const size = members[at];
      if (size < BLOCK - 1) {
        members[at + 1 + size] = id;
        members[at] = size + 1;
      }
    }
    return match;
  }

  /**
   * The first of a bucket's head and members (the newest first) that is a near-duplicate of the
   * signature at `base`, or -1.
   */
  private nearIn(signature: Uint32Array, base: number, head: number, block: number): number {
    const signatures = this.signatures;
    if (
      agreement(signature, base, signatures[head >>> CHUNK_BITS], (head & CHUNK_MASK) * HASHES) >=
      NEAR_AGREEMENT
    )
      return head;
    if (block === -1) return -1;
    const members = this.blocks[block >>> BLOCK_BITS];
    const at = (block & BLOCK_MASK) * BLOCK;
    for (let k = members[at]; k > 0; k--) {
      const other = members[at + k];
      const of = signatures[other >>> CHUNK_BITS];
      if (agreement(signature, base, of, (other & CHUNK_MASK) * HASHES) >= NEAR_AGREEMENT)
        return other;
    }
    return -1;
  }

  private newBlock(): number {
    const block = this.blockCount++;
    if ((block & BLOCK_MASK) === 0)
      this.blocks.push(tableInt32(BLOCK_CHUNK * BLOCK, block * BLOCK * 4));
    return block;
  }
}

/**
 * The buckets of one band: from the band's key to the first conversation that had it (the head)
 * and the block of its members. The key is two of the conversation's minimums, the second cut
 * to 21 bits (as when keys were numbers). A slot is two uint32 side by side, a 32-bit hash of
 * the key and its bucket + 1 (0 when empty), so a probe reads one cache line, and a probe that
 * meets other keys reads nothing else. Each bucket, in the order they came, holds the key
 * itself, its head and its block, read when the hashes agree: in 16 bytes side by side, where
 * the key was read from the head's signature and the block from an array of every
 * conversation's blocks, two reads that missed the cache in tables of 64 and 32 bytes a
 * conversation. Linear probing; the table doubles when it is three quarters full (see
 * overFull).
 */
export class BandHeads {
  private slots: Uint32Array = new Uint32Array(2 * 1024);
  private mask = 1023;
  /** BUCKET ints per bucket, in chunks of BUCKET_CHUNK: the key's halves, head and block. */
  private readonly buckets: Int32Array[] = [];
  private count = 0;

  /** `first`: memory for the first BUCKET_CHUNK buckets (else allocated with the first one). */
  constructor(
    private readonly band: number,
    first?: Int32Array,
  ) {
    if (first) this.buckets.push(first);
  }

  /**
   * The bucket of the key of conversation `id` (whose minimums start at `base` of `signature`)
   * if an earlier conversation had it; if none did, ~bucket of the new bucket that `id` heads
   * (with no block yet).
   */
  bucketOf(id: number, signature: Uint32Array, base: number): number {
    const high = signature[base + 2 * this.band] | 0;
    const low = signature[base + 2 * this.band + 1] & 0x1fffff;
    const hash = mix(high ^ Math.imul(low, 0x9e3779b1));
    let slot = hash & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[2 * slot + 1];
      if (stored === 0) break;
      if (this.slots[2 * slot] === hash && this.keyOf(stored - 1, high, low)) return stored - 1;
    }
    if (overFull(this.count, this.mask + 1)) {
      this.grow();
      slot = this.free(hash);
    }
    const bucket = this.count++;
    if (bucket >>> BUCKET_BITS === this.buckets.length)
      this.buckets.push(tableInt32(BUCKET_CHUNK * BUCKET, this.held()));
    const entries = this.buckets[bucket >>> BUCKET_BITS];
    const at = (bucket & BUCKET_MASK) * BUCKET;
    entries[at + KEY_HIGH] = high;
    entries[at + KEY_LOW] = low;
    entries[at + HEAD] = id;
    entries[at + BLOCK_OF] = -1;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = bucket + 1;
    return ~bucket;
  }

  /** The conversation that heads the bucket. */
  headOf(bucket: number): number {
    return this.buckets[bucket >>> BUCKET_BITS][(bucket & BUCKET_MASK) * BUCKET + HEAD];
  }

  /** The block of the bucket's members, or -1. */
  blockOf(bucket: number): number {
    return this.buckets[bucket >>> BUCKET_BITS][(bucket & BUCKET_MASK) * BUCKET + BLOCK_OF];
  }

  setBlock(bucket: number, block: number): void {
    this.buckets[bucket >>> BUCKET_BITS][(bucket & BUCKET_MASK) * BUCKET + BLOCK_OF] = block;
  }

  /** Whether the bucket's key is (high, low) (high as an int32). */
  private keyOf(bucket: number, high: number, low: number): boolean {
    const entries = this.buckets[bucket >>> BUCKET_BITS];
    const at = (bucket & BUCKET_MASK) * BUCKET;
    return entries[at + KEY_HIGH] === high && entries[at + KEY_LOW] === low;
  }

  /** The memory the band holds (see table-memory.ts). */
  private held(): number {
    return this.slots.byteLength + this.buckets.length * BUCKET_CHUNK * BUCKET * 4;
  }

  /** The first empty slot on the probe path of `hash`. */
  private free(hash: number): number {
    let slot = hash & this.mask;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    return slot;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = tableUint32(2 * old.length, this.held());
    this.mask = old.length - 1;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === 0) continue;
      const slot = this.free(old[at]);
      this.slots[2 * slot] = old[at];
      this.slots[2 * slot + 1] = old[at + 1];
    }
  }
}

/** Int32 per bucket of a BandHeads, and what each holds. */
const BUCKET = 4;
/** Buckets per chunk (16 KiB: a validator of a few records allocates little in its 8 bands). */
const BUCKET_BITS = 10;
const BUCKET_CHUNK = 1 << BUCKET_BITS;
const BUCKET_MASK = BUCKET_CHUNK - 1;
const KEY_HIGH = 0;
const KEY_LOW = 1;
const HEAD = 2;
const BLOCK_OF = 3;

/** Conversations per chunk of NearDuplicates' arrays (256 KiB of minimums). */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
/** The MinHash minimums that stand for a conversation. */
export const HASHES = 16;
const BANDS = 8;
const NEAR_AGREEMENT = 11;

function agreement(one: Uint32Array, a: number, other: Uint32Array, b: number): number {
  // Counted without a branch per minimum: whether two minimums agree is a coin toss for the
  // processor, and each wrong guess cost more than the comparison.
  let differ = 0;
  for (let i = 0; i < HASHES; i++) {
    const d = one[a + i] ^ other[b + i];
    differ += (d | -d) >>> 31;
  }
  return HASHES - differ;
}

/** How many words stand for a conversation (at most the room the text scan's memory has). */
const SHINGLE_WORDS = 48;
/** A bucket's head and as many members as a block holds (BLOCK - 1). */
const BLOCK = 16;
/** Blocks per chunk of their array (256 KiB). */
const BLOCK_BITS = 12;
const BLOCK_CHUNK = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_CHUNK - 1;

/** A 32-bit finaliser (murmur3's), so nearby inputs spread over all bits. */
function mix(value: number): number {
  let h = value ^ (value >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** What one pass over a conversation's text gives the checks. */
export interface ConversationScan {
  /**
   * 64-bit content key for exact duplicates: 8 xor-multiply lanes over each message's role,
   * length and text (8 code units at a time), each passing its low half on to the next lane
   * after every block, folded into two 32-bit halves. Equal contents have equal keys; it is no
   * cryptographic hash, and is not made to resist texts crafted to collide.
   */
  key: { high: number; low: number };
  /**
   * The MinHash minimums of the word 3-shingles of the first 48 words (letters and digits,
   * lower-cased, hashed with FNV-1a) of the non-system turns: they stand for the conversation in
   * near-duplicate detection, at a cost that stays flat. See minHash in wasm/text-scan.ts.
   * Computed when first read, from the words the scan left in its memory (an exact duplicate
   * needs none): read them before the next scan, which replaces those words (a read after it
   * throws).
   */
  readonly minimums: Uint32Array;
  /**
   * Writes the minimums into `target` from `offset`, as `minimums` gives them (and under the
   * same condition), without an array of their own.
   */
  copyMinimums(target: Uint32Array, offset: number): void;
  /** Each message's text shape (first 2,000 characters); null for system messages. */
  shapes: (TextShape | null)[];
  /**
   * Whether every text is plain as the standardizer's isPlainText says (normalization leaves it
   * as it is), so a scan of texts not yet normalized holds for the normalized conversation.
   */
  plain: boolean;
}

/**
 * The character loop runs as WebAssembly (wasm/text-scan.ts): in JavaScript it took about
 * 4.2 ns a character, as the loop keeps more values than there are registers and checks every
 * addition for overflow; compiled from AssemblyScript it takes about 2.1. Its memory holds the
 * character classes and filler tables (filled here, once), a table of the conversation's
 * messages and their texts one after another; see the layout at the top of wasm/text-scan.ts.
 * The memory grows to hold the longest text it is given (a conversation, or one message of a
 * conversation too long to copy at once) and keeps that size.
 */
/**
 * Conversations with more text than this are copied in a message at a time: joining them would
 * cost memory, and the copy per message costs nothing next to reading them.
 */
const JOINED_MAX = 1 << 16;
/** Code units of memory kept past the text (see TextScanner.room). */
const SPARE = 8;
const PAGE = 65536;

/** The part of the WebAssembly API used here (the es2023 lib of TypeScript does not declare it). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
};
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

class TextScanner {
  private readonly memory: WasmMemory;
  private readonly run: (count: number, first: number) => void;
  private readonly minHash: () => void;
  /** Where the module keeps what (its exported layout), as indexes into the views below. */
  private readonly at: {
    text: number;
    messages: number;
    maxMessages: number;
    words: number;
    maxWords: number;
    result: number;
    minimums: number;
  };
  private units!: Uint16Array;
  private bytes!: Buffer;
  private ints!: Int32Array;
  private uints!: Uint32Array;
  /** Scans so far: the words in memory are the last one's. */
  private scans = 0;

  constructor() {
    const instance = new WebAssembly.Instance(
      new WebAssembly.Module(Buffer.from(TEXT_SCAN_WASM, 'base64')),
      {
        'text-scan': {
          fillerWord: (start: number, end: number) =>
            fillerWord(this.units, this.at.text + start, this.at.text + end) ? 1 : 0,
        },
      },
    );
    const exports = instance.exports as Record<string, unknown> & {
      memory: WasmMemory;
      scan: (count: number, first: number) => void;
      minHash: () => void;
    };
    const offset = (name: string) => (exports[name] as { value: number }).value;
    this.memory = exports.memory;
    this.run = exports.scan;
    this.minHash = exports.minHash;
    this.at = {
      text: offset('TEXT') / 2,
      messages: offset('MESSAGES') / 4,
      maxMessages: offset('MAX_MESSAGES'),
      words: offset('WORDS') / 4,
      maxWords: offset('MAX_WORDS'),
      result: offset('RESULT') / 4,
      minimums: offset('MINIMUMS') / 4,
    };
    this.views();
    new Uint8Array(this.memory.buffer, 0, CHAR_CLASS.length).set(CHAR_CLASS);
    new Uint32Array(this.memory.buffer, offset('FILLER'), 32).set(FILLER_HASHES);
    if (FILLER_PREFIXES.length !== 3) throw new RangeError('the scan compares 3 filler prefixes');
    new BigUint64Array(this.memory.buffer, offset('PREFIXES'), 6).set(PREFIX_UNITS);
    if (SHINGLE_WORDS > this.at.maxWords) throw new RangeError('too many shingle words');
    this.ints[this.at.result + 3] = SHINGLE_WORDS;
  }

  scan(messages: readonly CanonicalMessage[]): ConversationScan {
    let total = 0;
    for (let m = 0; m < messages.length; m++) total += messages[m].content.length;
    const shapes: (TextShape | null)[] = [];
    let plain = true;
    if (messages.length <= this.at.maxMessages && total <= JOINED_MAX) {
      // All the texts in one copy (a copy per message cost more than reading it), one call.
      this.reserve(total);
      let all = '';
      for (let m = 0; m < messages.length; m++) all += messages[m].content;
      this.write(all);
      for (let m = 0; m < messages.length; m++) this.enter(m, messages[m]);
      this.run(messages.length, 1);
      for (let m = 0; m < messages.length; m++) {
        shapes.push(this.shape(m, messages[m]));
        plain &&= this.plain(m);
      }
    } else {
      for (let m = 0; m < messages.length; m++) {
        const message = messages[m];
        this.reserve(message.content.length);
        this.write(message.content);
        this.enter(0, message);
        this.run(1, m === 0 ? 1 : 0);
        shapes.push(this.shape(0, message));
        plain &&= this.plain(0);
      }
    }
    const { uints, at } = this;
    const key = { high: uints[at.result], low: uints[at.result + 1] };
    return new Scan(key, shapes, plain, this, ++this.scans);
  }

  /** The minimums of scan number `scan`, while its words are still in memory. */
  minimumsOf(scan: number): Uint32Array {
    const minimums = new Uint32Array(HASHES);
    this.copyMinimumsOf(scan, minimums, 0);
    return minimums;
  }

  /** minimumsOf(scan), written into `target` from `offset`. */
  copyMinimumsOf(scan: number, target: Uint32Array, offset: number): void {
    if (scan !== this.scans) throw new Error('the words of this scan were replaced by a later one');
    this.minHash();
    const { uints } = this;
    const from = this.at.minimums;
    // A loop: TypedArray.prototype.set costs more than 16 copies.
    for (let i = 0; i < HASHES; i++) target[offset + i] = uints[from + i];
  }

  /** The MinHash minimums of these word hashes (as many as the memory has room for). */
  minHashOf(words: readonly number[]): Uint32Array {
    if (words.length > this.at.maxWords) throw new RangeError('too many words');
    this.scans++;
    this.uints.set(words, this.at.words);
    this.ints[this.at.result + 2] = words.length;
    return this.minimumsOf(this.scans);
  }

  /**
   * Code units of text the memory holds now: SPARE more are kept, for a 0 after the text, the
   * four code units the scan reads at the start of a word (which may be its last) and the 8 it
   * reads at once from the text's last units.
   */
  private room(): number {
    return this.units.length - this.at.text - SPARE;
  }

  /** Grows the memory to hold `length` code units of text. */
  private reserve(length: number): void {
    if (length <= this.room()) return;
    const needed = 2 * (this.at.text + length + SPARE);
    this.memory.grow(Math.ceil((needed - this.memory.buffer.byteLength) / PAGE));
    this.views();
  }

  private views(): void {
    this.units = new Uint16Array(this.memory.buffer);
    this.bytes = Buffer.from(this.memory.buffer);
    this.ints = new Int32Array(this.memory.buffer);
    this.uints = new Uint32Array(this.memory.buffer);
  }

  /** Copies the text in, with a 0 after it (the filler check may look one code unit ahead). */
  private write(text: string): void {
    this.bytes.write(text, 2 * this.at.text, 'utf16le');
    this.units[this.at.text + text.length] = 0;
  }

  private enter(m: number, { role, content }: CanonicalMessage): void {
    const entry = this.at.messages + 4 * m;
    this.ints[entry] = role.charCodeAt(0);
    this.ints[entry + 1] = content.length;
    this.ints[entry + 2] = role === 'system' ? 0 : Math.min(content.length, SHAPE_CHARS);
  }

  private shape(m: number, { role, content }: CanonicalMessage): TextShape | null {
    if (role === 'system') return null;
    const entry = this.at.messages + 4 * m;
    const flags = this.ints[entry + 3];
    return {
      tokens: this.ints[entry],
      words: this.ints[entry + 1],
      longestRun: this.ints[entry + 2],
      // Text past the scanned part is not looked at: then the placeholder check decides.
      filler: (flags & (FLAG_NOT_ASCII | FLAG_FILLER)) !== 0 || content.length > SHAPE_CHARS,
      link: (flags & FLAG_LINK) !== 0,
    };
  }

  private plain(m: number): boolean {
    return (this.ints[this.at.messages + 4 * m + 3] & FLAG_NOT_PLAIN) === 0;
  }
}

/** The flags of a message's shape in the scan's memory. */
const FLAG_NOT_ASCII = 1;
const FLAG_FILLER = 2;
const FLAG_NOT_PLAIN = 4;
const FLAG_LINK = 8;

/** A scan's figures; its minimums are computed when first read (see ConversationScan). */
class Scan implements ConversationScan {
  private computed?: Uint32Array;

  constructor(
    readonly key: ConversationScan['key'],
    readonly shapes: (TextShape | null)[],
    readonly plain: boolean,
    private readonly scanner: TextScanner,
    private readonly serial: number,
  ) {}

  get minimums(): Uint32Array {
    return (this.computed ??= this.scanner.minimumsOf(this.serial));
  }

  copyMinimums(target: Uint32Array, offset: number): void {
    if (this.computed) target.set(this.computed, offset);
    else this.scanner.copyMinimumsOf(this.serial, target, offset);
  }
}

let scanner: TextScanner | undefined;

/**
 * Reads every character of a conversation once and computes all the checks need from it (the
 * content key, the word hashes' MinHash, each message's shape, whether every text is plain, so
 * the standardizer need not look again): separate passes cost about twice as much. The content
 * key takes each message's role and length before its text, so no text can pass for the end of
 * one message and the start of another ("ab" + "cd" is not "abc" + "d"); words are letters and
 * digits, lower-cased, hashed with FNV-1a.
 */
export function scanConversation(conversation: CanonicalConversation): ConversationScan {
  return scanMessages(conversation.messages);
}

/** scanConversation of a conversation's messages (before or after normalization). */
export function scanMessages(messages: readonly CanonicalMessage[]): ConversationScan {
  return (scanner ??= new TextScanner()).scan(messages);
}

/**
 * The MinHash minimums of a list of word hashes, as the scan computes them from a
 * conversation's words (for NearDuplicates.add without a conversation to scan).
 */
export function minHashOf(words: readonly number[]): Uint32Array {
  return (scanner ??= new TextScanner()).minHashOf(words);
}
