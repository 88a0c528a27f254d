import { addressFindings } from './addresses';
import type { EntityType, Finding } from './entities';
import { nameFindings } from './names';
import { patternFindings, profile } from './patterns';

export interface ScanOptions {
  /** Only these entity types are reported (default: all). */
  entities?: readonly EntityType[];
  /** Findings scoring below this are dropped (default 0.5). */
  minScore?: number;
}

export const DEFAULT_MIN_SCORE = 0.5;

/** The findings in one text: every recognizer, then overlaps resolved, in text order. */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  if (text.length === 0) return [];
  const shape = profile(text);
  const candidates = patternFindings(text, shape);
  if (shape.digits > 0)
    for (const finding of addressFindings(text, shape.digits)) candidates.push(finding);
  for (const finding of nameFindings(text)) candidates.push(finding);
  return candidates.length === 0 ? candidates : resolveOverlaps(candidates, options);
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
  const kept: Finding[] = [];
  for (const finding of ranked) {
    if (kept.every((other) => finding.end <= other.start || finding.start >= other.end))
      kept.push(finding);
  }
  return kept.sort((a, b) => a.start - b.start);
}
