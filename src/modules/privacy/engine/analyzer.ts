import { addressFindings } from './addresses';
import type { EntityType, Finding } from './entities';
import { nameFindings } from './names';
import { patternFindings } from './patterns';
import { tokenize } from './tokens';

export interface ScanOptions {
  /** Only these entity types are reported (default: all). */
  entities?: readonly EntityType[];
  /** Findings scoring below this are dropped (default 0.5). */
  minScore?: number;
}

export const DEFAULT_MIN_SCORE = 0.5;

/** The findings in one text: every recognizer, then overlaps resolved, in text order. */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  if (text.length === 0 || isOneLowerCaseWord(text)) return [];
  const words = tokenize(text);
  const { tokens, profile } = words;
  const candidates = patternFindings(text, words);
  if (profile.digits > 0)
    for (const finding of addressFindings(text, profile)) candidates.push(finding);
  for (const finding of nameFindings(text, tokens)) candidates.push(finding);
  if (candidates.length === 0) return candidates;
  return resolveOverlaps(addressesOutrankTheirParts(candidates), options);
}

/**
 * "user", "assistant", "gpt": one word of lower-case ASCII letters, as the role fields of every
 * conversation hold. No recognizer finds anything in one: the patterns and addresses need a digit
 * or a punctuation mark, and a name or a place in lower case needs a word before it that says so.
 * Such texts are a third of a conversation dataset's fields; this spares them the tokenizer.
 */
function isOneLowerCaseWord(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 97 || code > 122) return false;
  }
  return true;
}

/**
 * A street address holds the town, the postal code and sometimes a name ("12 Nelson Mandela
 * Drive, Springfield, IL 62704"): it takes the highest score of what it contains, so resolving
 * overlaps keeps the whole address rather than a part of it and leaving the street in the text.
 */
function addressesOutrankTheirParts(candidates: Finding[]): Finding[] {
  for (const address of candidates) {
    if (address.entityType !== 'STREET_ADDRESS') continue;
    for (const part of candidates) {
      if (part !== address && part.start >= address.start && part.end <= address.end)
        address.score = Math.max(address.score, part.score);
    }
  }
  return candidates;
}

/**
 * Overlapping findings resolve to one: the higher score wins, then the longer span (Presidio
 * keeps the same order). Findings under the minimum score or of unwanted types go first, so a
 * weak finding cannot hide a wanted one.
 */
export function resolveOverlaps(candidates: Finding[], options: ScanOptions = {}): Finding[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const wanted = options.entities ? new Set(options.entities) : null;
  const ranked = candidates
    .filter((f) => f.score >= minScore && (!wanted || wanted.has(f.entityType)) && f.end > f.start)
    .sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Kept findings stay sorted by start, so each candidate meets only its two neighbours.
  const kept: Finding[] = [];
  for (const finding of ranked) {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (kept[middle].start < finding.start) low = middle + 1;
      else high = middle;
    }
    const next = kept[low];
    const previous = kept[low - 1];
    if ((next && next.start < finding.end) || (previous && previous.end > finding.start)) continue;
    kept.splice(low, 0, finding);
  }
  return kept;
}
