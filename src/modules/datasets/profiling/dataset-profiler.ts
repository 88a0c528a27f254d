import { kindOf, mergeKinds, type Row, type ValueKind } from '../formats/format';
import {
  detectTemplate,
  type TemplateMatch,
} from '../../standardization/conversation/detect-template';

export interface ColumnProfile {
  name: string;
  type: ValueKind;
  nullCount: number;
}

export interface DatasetProfile {
  rowCount: number;
  columns: ColumnProfile[];
  template: TemplateMatch;
}

const TEMPLATE_SAMPLE_ROWS = 200;

/**
 * Profiles rows as they stream past: row count, each column's value kind and null count (a
 * column missing from a row counts as null there; with `emptyIsNull`, as in CSV, so does ''),
 * and the conversation template from the first rows. Holds only the template sample.
 */
export class DatasetProfiler {
  private rowCount = 0;
  private readonly columns = new Map<string, { type: ValueKind; present: number; nulls: number }>();
  private readonly sample: Row[] = [];

  constructor(private readonly emptyIsNull = false) {}

  add(row: Row): void {
    this.rowCount++;
    if (this.sample.length < TEMPLATE_SAMPLE_ROWS) this.sample.push(row);
    for (const name in row) {
      const value = row[name];
      let column = this.columns.get(name);
      if (!column) {
        column = { type: 'null', present: 0, nulls: 0 };
        this.columns.set(name, column);
      }
      column.present++;
      if (value === null || value === undefined || (this.emptyIsNull && value === '')) {
        column.nulls++;
      } else {
        column.type = mergeKinds(column.type, kindOf(value));
      }
    }
  }

  result(): DatasetProfile {
    return {
      rowCount: this.rowCount,
      columns: [...this.columns].map(([name, { type, present, nulls }]) => ({
        name,
        type,
        nullCount: nulls + (this.rowCount - present),
      })),
      template: detectTemplate(this.sample),
    };
  }
}
