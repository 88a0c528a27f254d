/** Stable validation error codes, in the spirit of Frictionless. */
export const ISSUE_CODES = [
  'blank-row',
  'unknown-template',
  'missing-field',
  'type-error',
  'extra-field',
  'invalid-role',
  'empty-message',
  'no-messages',
  'invalid-mapping',
  'role-order',
  'too-short',
  'too-long',
  'duplicate-conversation',
  'encoding-error',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface ValidationIssue {
  /** Position of the record in the input, from 0. */
  index: number;
  code: IssueCode;
  field?: string;
  message: string;
  /** The offending value, cut to 80 characters (reports only; never logged). */
  value?: string;
}

const VALUE_MAX = 80;

/**
 * The offending value as a short string for the report; none for a value JSON cannot write
 * (nested deeper than the stack allows, or circular from a JS caller): its error says the rest.
 */
export function shownValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let text: string | undefined;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
}
