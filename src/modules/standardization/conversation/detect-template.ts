import type { SourceRecord } from './canonical';
import { roleMap } from './roles';
import { fitTemplates, SOURCE_TEMPLATES, type SourceTemplate } from './source-templates';

export const DETECTED_TEMPLATES = [...SOURCE_TEMPLATES, 'unknown'] as const;
export type DetectedTemplate = SourceTemplate | 'unknown';

export interface TemplateMatch {
  template: DetectedTemplate;
  /** Share of the sampled rows whose best fit is the template (0 for unknown). */
  confidence: number;
}

const DEFAULT_ROLES = roleMap();

/**
 * The conversation template of a dataset from a sample of its rows: the template most rows fit
 * best (ties go to the one listed first in SOURCE_TEMPLATES, the more specific), with its share.
 */
export function detectTemplate(sample: readonly SourceRecord[]): TemplateMatch {
  const counts = new Map<SourceTemplate, number>();
  for (const row of sample) {
    const best = fitTemplates(row, DEFAULT_ROLES)[0];
    if (best) counts.set(best.template, (counts.get(best.template) ?? 0) + 1);
  }
  let match: TemplateMatch = { template: 'unknown', confidence: 0 };
  let most = 0;
  for (const template of SOURCE_TEMPLATES) {
    const count = counts.get(template) ?? 0;
    if (count > most) {
      most = count;
      match = { template, confidence: Math.round((count / sample.length) * 1000) / 1000 };
    }
  }
  return match;
}
