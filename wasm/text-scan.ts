// AssemblyScript: the character loop of scanConversation (src/modules/validation/engine/
// quality.ts) and the MinHash of the words it keeps, compiled to WebAssembly by
// `npm run build:wasm`. quality.ts fills the tables, copies a conversation's texts in and reads
// the results out, at the offsets this module exports.
//
// Memory (bytes):
//   [0, 65536)          character class of each UTF-16 code unit (quality.ts: CHAR_CLASS)
//   [65536, 65664)      32 x u32: bits of the filler words' hashes (FILLER_HASHES)
//   [65664, 65712)      3 x (u64, u64): each filler prefix's first four code units, lower case,
//                       and the mask of the ones it has (PREFIXES)
//   [65792, 66048)      up to 64 x i32: the word hashes (WORDS)
//   [66048, 66096)      key a, key b, word count; how many words to keep; the key's 2 x 4 lanes
//                       (RESULT)
//   [66560, 66624)      16 x u32: the MinHash minimums of the words (MINIMUMS)
//   [69632, 135168)     4096 messages x 4 x i32: in, role code, length, scored; out, shape (MESSAGES)
//   [135168, ...)       the texts, one after another, as UTF-16 code units (TEXT)

const CLASS: usize = 0;
export const FILLER: usize = 65536;
export const PREFIXES: usize = 65664;
export const WORDS: usize = 65792;
export const MAX_WORDS: i32 = 64;
export const RESULT: usize = 66048;
export const MINIMUMS: usize = 66560;
export const MESSAGES: usize = 69632;
export const MAX_MESSAGES: i32 = 4096;
export const TEXT: usize = 135168;

const SEPARATOR: u32 = 1;
const LETTER: u32 = 2;
const WORD_CHAR: u32 = 4;
const UPPER: u32 = 32;

/** Whether text[start..end) is a filler word (quality.ts: fillerWord, on the same memory). */
declare function fillerWord(start: i32, end: i32): i32;

function unit(i: i32): u32 {
  return <u32>load<u16>(TEXT + ((<usize>i) << 1));
}

function kindOf(code: u32): u32 {
  return <u32>load<u8>(CLASS + <usize>code);
}

/** The key's lanes: starting values and multipliers (odd), 4 lanes for each half of 8 units. */
const KEY_LOW = i32x4(0x811c9dc5, 0x050c5d1f, 0x2f1e0d3c, 0x6a09e667);
const KEY_HIGH = i32x4(0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f);
const TIMES_LOW = i32x4(0x01000193, 0x0100019d, 0x9e3779b1, 0x85ebca77);
const TIMES_HIGH = i32x4(0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646d);
const LANE_INDEXES = i16x8(0, 1, 2, 3, 4, 5, 6, 7);

/**
 * Each lane xor the low half of the lane before it, moved up into its high half (the last lane
 * comes before the first). Lanes that took their units alone were each a 32-bit chain: texts
 * that differ only in units one lane reads (8 apart) collided when that lane did, about one
 * time in 2^32 (a review made such a pair from one sentence by changing the case of letters).
 * Units enter a lane's low half, and a difference there survives the multiply (it is odd), so
 * it is carried on into the next lane's high half, where units cannot reach it: a collision
 * needs the differences of several lanes to cancel at once. A bijection: the part added has
 * none of its own lane's bits, so adding it again gives the lanes back.
 */
function spread(lanes: v128): v128 {
  return v128.xor(lanes, i32x4.shl(v128.shuffle<i32>(lanes, lanes, 3, 0, 1, 2), 16));
}

/**
 * A 32-bit finaliser: xor-shifts and multiplies, each step bijective, so nearby inputs spread
 * over all bits and different inputs stay different.
 */
function finalise(value: u32, s1: u32, m1: u32, s2: u32, m2: u32, s3: u32): u32 {
  let h = value ^ (value >>> s1);
  h *= m1;
  h ^= h >>> s2;
  h *= m2;
  return h ^ (h >>> s3);
}

/** Another finaliser than mix, so the key's two halves are unlike. */
function remix(value: u32): u32 {
  return finalise(value, 15, 0x2c1b3c6d, 12, 0x297a2d39, 15);
}

/**
 * Reads `count` messages whose texts follow one another from TEXT; each message's entry gives
 * its role's first code unit, its length and how many of its first code units are scored (0 for
 * a system message). Writes each message's shape over its entry: tokens, tokens that are
 * mostly letters, the longest run of one code unit, and flags (1: a code unit from U+0080 up,
 * 2: a filler word, 4: the text is not plain, 8: "://" in the text). Plain is what the
 * standardizer's isPlainText calls plain, over the whole text: printable ASCII and line breaks
 * only, no space or line break at either end, no space next to a space or line break, no three
 * line breaks in a row.
 * Carries the key and the words on from the earlier calls for the conversation (`first` is 1
 * in its first call).
 *
 * Two loops per message. One reads 8 code units at a time in vector lanes, over the whole
 * text: the content key, whether the text is plain, and the longest run in the scored part.
 * The other reads the scored part a code unit at a time, for what needs its words: tokens,
 * word hashes and filler. The key was two FNV-1a chains through every code unit in that loop,
 * 8 cycles of multiplying and xor a code unit that nothing could overlap.
 */
export function scan(count: i32, first: i32): void {
  // A conversation's first call starts the key's lanes, with no words yet.
  let keyLow = first ? KEY_LOW : v128.load(RESULT + 16);
  let keyHigh = first ? KEY_HIGH : v128.load(RESULT + 32);
  let wordCount = first ? 0 : load<i32>(RESULT + 8);
  const maxWords = load<i32>(RESULT + 12);
  let offset = 0;
  for (let m = 0; m < count; m++) {
    const entry = MESSAGES + ((<usize>m) << 4);
    const role = load<u32>(entry);
    const length = load<i32>(entry + 4);
    const scanned = offset + load<i32>(entry + 8);
    const end = offset + length;
    // The role and length first, so no text can pass for the end of one message and the start
    // of the next (the last 8 units are padded with 0).
    keyLow = i32x4.mul(v128.xor(keyLow, i32x4.splat(role)), TIMES_LOW);
    keyLow = i32x4.mul(v128.xor(keyLow, i32x4.splat(length)), TIMES_LOW);
    keyHigh = i32x4.mul(v128.xor(keyHigh, i32x4.splat(role)), TIMES_HIGH);
    keyHigh = i32x4.mul(v128.xor(keyHigh, i32x4.splat(length)), TIMES_HIGH);
    let longestRun = 1;
    let run = 0;
    let odd: i32 = 0;
    let link = 0;
    if (length > 0) {
      const first = unit(offset);
      const last = unit(end - 1);
      if (first == 32 || first == 10 || last == 32 || last == 10) odd = 1;
    }
    for (let i = offset; i < end; i += 8) {
      const at = TEXT + ((<usize>i) << 1);
      let units = v128.load(at);
      const left = end - i;
      let inText = 0xff;
      if (left < 8) {
        inText = (1 << left) - 1;
        units = v128.and(units, i16x8.lt_u(LANE_INDEXES, i16x8.splat(<i16>left)));
      }
      keyLow = spread(i32x4.mul(v128.xor(keyLow, i32x4.extend_low_i16x8_u(units)), TIMES_LOW));
      keyHigh = spread(i32x4.mul(v128.xor(keyHigh, i32x4.extend_high_i16x8_u(units)), TIMES_HIGH));
      // Each unit next to the one before it, and the one before that. The first block's first
      // lanes compare with the message before (or memory before the texts) and need no mask:
      // spacing there begins with a space or line break at the text's start, which makes it
      // odd anyway, and a run begins at 1 whether the unit before is the same or not.
      const before = v128.load(at - 2);
      const space = i16x8.eq(units, i16x8.splat(32));
      const lineBreak = i16x8.eq(units, i16x8.splat(10));
      const spaceBefore = i16x8.eq(before, i16x8.splat(32));
      const lineBreakBefore = i16x8.eq(before, i16x8.splat(10));
      const twoBefore = v128.load(at - 4);
      const lineBreakTwoBefore = i16x8.eq(twoBefore, i16x8.splat(10));
      // Not printable ASCII or \n.
      const other = v128.or(
        i16x8.gt_u(units, i16x8.splat(0x7e)),
        v128.andnot(i16x8.lt_u(units, i16x8.splat(0x20)), lineBreak),
      );
      // A space or line break after a space, a space after a line break.
      const pairs = i16x8.bitmask(
        v128.or(v128.and(spaceBefore, v128.or(space, lineBreak)), v128.and(lineBreakBefore, space)),
      );
      // A third line break in a row.
      const triples = i16x8.bitmask(
        v128.and(v128.and(lineBreakTwoBefore, lineBreakBefore), lineBreak),
      );
      let same = i16x8.bitmask(i16x8.eq(units, before));
      if (((i16x8.bitmask(other) | pairs | triples) & inText) != 0) odd = 1;
      // "://", as in a link, by the lane of its last slash (the first block's first two lanes
      // would reach into the message before; lanes past the text read 0).
      let links = i16x8.bitmask(
        v128.and(
          v128.and(i16x8.eq(twoBefore, i16x8.splat(58)), i16x8.eq(before, i16x8.splat(47))),
          i16x8.eq(units, i16x8.splat(47)),
        ),
      );
      if (i == offset) links &= ~3;
      link |= links;
      if (i < scanned) {
        // Runs of one code unit, in the scored part.
        const lanes = scanned - i < 8 ? scanned - i : 8;
        same &= (1 << lanes) - 1;
        if (same == 0) {
          run = 1;
        } else {
          for (let lane = 0; lane < lanes; lane++) {
            run = (same >> lane) & 1 ? run + 1 : 1;
            if (run > longestRun) longestRun = run;
          }
        }
      }
    }
    let tokens = 0;
    let wordTokens = 0;
    let tokenLength = 0;
    // Twice the letters of the token: LETTER is 2, so a letter adds its class bit.
    let tokenLetters = 0;
    let seen: u32 = 0;
    let filler = 0;
    let i = offset;
    while (i < scanned) {
      let code = unit(i);
      let kind = kindOf(code);
      if (kind & WORD_CHAR) {
        const start = i;
        let word: u32 = 0x811c9dc5;
        do {
          seen |= kind;
          tokenLetters += kind & LETTER;
          // UPPER is 32, the bit that makes A-Z a-z.
          word = (word ^ (code | (kind & UPPER))) * 0x01000193;
          if (++i == scanned) break;
          code = unit(i);
          kind = kindOf(code);
        } while (kind & WORD_CHAR);
        tokenLength += i - start;
        if (wordCount < maxWords) {
          store<u32>(WORDS + ((<usize>wordCount) << 2), word);
          wordCount++;
        }
        // Whether the word starts with a filler prefix (any case), from its first four code
        // units at once: a branch on its first letter was guessed wrong for about a word in
        // four. Units past the word are no letters of a prefix, so they match none.
        const head = load<u64>(TEXT + ((<usize>start) << 1)) | 0x0020002000200020;
        const byPrefix =
          (<u32>((head & load<u64>(PREFIXES + 8)) == load<u64>(PREFIXES))) |
          (<u32>((head & load<u64>(PREFIXES + 24)) == load<u64>(PREFIXES + 16))) |
          (<u32>((head & load<u64>(PREFIXES + 40)) == load<u64>(PREFIXES + 32)));
        // Words that may be filler, by their hash or their prefix, are checked.
        const byHash = (load<u32>(FILLER + ((<usize>(word >>> 27)) << 2)) >> (word & 31)) & 1;
        if (filler == 0 && (byHash | byPrefix) != 0) {
          filler = fillerWord(start, i);
        }
        continue;
      }
      seen |= kind;
      if (kind & SEPARATOR) {
        if (tokenLength > 0) {
          tokens++;
          if (tokenLetters >= tokenLength) wordTokens++;
          tokenLength = 0;
          tokenLetters = 0;
        }
      } else {
        tokenLength++;
        tokenLetters += kind & LETTER;
      }
      i++;
    }
    if (tokenLength > 0) {
      tokens++;
      if (tokenLetters >= tokenLength) wordTokens++;
    }
    store<i32>(entry, tokens);
    store<i32>(entry + 4, wordTokens);
    store<i32>(entry + 8, length == 0 ? 0 : longestRun);
    store<i32>(
      entry + 12,
      ((seen >> 4) & 1) | (filler << 1) | (odd << 2) | ((<i32>(link != 0)) << 3),
    );
    offset = end;
  }
  v128.store(RESULT + 16, keyLow);
  v128.store(RESULT + 32, keyHigh);
  store<i32>(RESULT + 8, wordCount);
  // The key's two halves, each from all 8 lanes through a chain of finalisers: lanes that
  // differ change both.
  let a: u32 = 0;
  let b: u32 = 0x9e3779b9;
  for (let lane = 0; lane < 4; lane++) {
    a = mix(a ^ load<u32>(RESULT + 44 - (lane << 2)));
    b = remix(b ^ load<u32>(RESULT + 16 + (lane << 2)));
  }
  for (let lane = 0; lane < 4; lane++) {
    a = mix(a ^ load<u32>(RESULT + 28 - (lane << 2)));
    b = remix(b ^ load<u32>(RESULT + 32 + (lane << 2)));
  }
  store<u32>(RESULT, a);
  store<u32>(RESULT + 4, b);
}

const BINS: u32 = 16;
const EMPTY: u32 = 0xffffffff;

/** murmur3's finaliser. */
function mix(value: u32): u32 {
  return finalise(value, 16, 0x85ebca6b, 13, 0xc2b2ae35, 16);
}

function wordAt(i: i32, count: i32): u32 {
  return i < count ? load<u32>(WORDS + ((<usize>i) << 2)) : 0;
}

/** Keeps `value`'s low 28 bits in its bin (its top 4 bits) when they are less than the bin's. */
function lower(value: u32): void {
  const at = MINIMUMS + ((<usize>(value >>> 28)) << 2);
  // Stored whether or not it is less: which shingle sets a bin's least value is a coin toss,
  // and a branch on it guessed wrong about a third of the time.
  const rest = value & 0x0fffffff;
  const least = load<u32>(at);
  store<u32>(at, select<u32>(rest, least, rest < least));
}

/** mix() of each lane. */
function mixLanes(value: v128): v128 {
  let h = v128.xor(value, i32x4.shr_u(value, 16));
  h = i32x4.mul(h, i32x4.splat(0x85ebca6b));
  h = v128.xor(h, i32x4.shr_u(h, 13));
  h = i32x4.mul(h, i32x4.splat(0xc2b2ae35));
  return v128.xor(h, i32x4.shr_u(h, 16));
}

/**
 * One-permutation MinHash (Li, Owen and Zhang, 2012) of the word 3-shingles at WORDS (as many as
 * RESULT + 8 says; a text of fewer than three words is one shingle, the missing words 0): each
 * shingle is hashed once, its top 4 bits pick one of 16 bins, which keeps the least of the other
 * 28. An empty bin takes the next filled bin's value plus its distance times 2^28 (rotation
 * densification), so short texts still compare fairly. Writes the 16 minimums to MINIMUMS.
 * Four shingles are hashed at a time, in the lanes of a vector (the words past the count that
 * the last four read are left out of the bins).
 */
export function minHash(): void {
  const count = load<i32>(RESULT + 8);
  for (let bin: u32 = 0; bin < BINS; bin++) store<u32>(MINIMUMS + (bin << 2), EMPTY);
  if (count < 3) {
    lower(
      mix(
        (wordAt(0, count) * 0x9e3779b1) ^
          (wordAt(1, count) * 0x85ebca77) ^
          (wordAt(2, count) * 0xc2b2ae3d),
      ),
    );
  } else {
    const shingles = count - 2;
    for (let i = 0; i < shingles; i += 4) {
      const at = WORDS + ((<usize>i) << 2);
      const values = mixLanes(
        v128.xor(
          v128.xor(
            i32x4.mul(v128.load(at), i32x4.splat(0x9e3779b1)),
            i32x4.mul(v128.load(at + 4), i32x4.splat(0x85ebca77)),
          ),
          i32x4.mul(v128.load(at + 8), i32x4.splat(0xc2b2ae3d)),
        ),
      );
      lower(i32x4.extract_lane(values, 0));
      const left = shingles - i;
      if (left > 1) lower(i32x4.extract_lane(values, 1));
      if (left > 2) lower(i32x4.extract_lane(values, 2));
      if (left > 3) lower(i32x4.extract_lane(values, 3));
    }
  }
  for (let bin: u32 = 0; bin < BINS; bin++) {
    if (load<u32>(MINIMUMS + (bin << 2)) != EMPTY) continue;
    for (let step: u32 = 1; step < BINS; step++) {
      const other = load<u32>(MINIMUMS + (((bin + step) & (BINS - 1)) << 2));
      if (other != EMPTY && other < 0x10000000) {
        store<u32>(MINIMUMS + (bin << 2), other + step * 0x10000000);
        break;
      }
    }
  }
}
