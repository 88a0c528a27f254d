import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { CONVERSATION_SCHEMAS } from '../../standardization/conversation/schemas';
import { type IssueCode, shownValue, type ValidationIssue } from './issues';

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(format: string): ValidateFunction {
  let validate = compiled.get(format);
  if (!validate) {
    validate = ajv.compile(CONVERSATION_SCHEMAS[format]);
    compiled.set(format, validate);
  }
  return validate;
}

/** JSON Pointer of ajv to the dotted field names of the report (`messages[2].content`). */
function fieldOf(error: ErrorObject): string | undefined {
  const parts = error.instancePath.split('/').slice(1);
  if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  if (parts.length === 0) return undefined;
  return parts.reduce(
    (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
    '',
  );
}

function codeOf(error: ErrorObject): IssueCode {
  switch (error.keyword) {
    case 'required':
      return 'missing-field';
    case 'additionalProperties':
      return 'extra-field';
    case 'enum':
      return error.instancePath.endsWith('/role') ? 'invalid-role' : 'type-error';
    case 'minLength':
      return 'empty-message';
    case 'minItems':
      return 'too-short';
    default:
      return 'type-error';
  }
}

function valueAt(record: unknown, pointer: string): unknown {
  let value = record;
  for (const part of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A record checked against the JSON Schema of a conversation format. */
export function schemaIssues(record: unknown, format: string, index: number): ValidationIssue[] {
  const validate = validatorFor(format);
  if (validate(record)) return [];
  return (validate.errors ?? [])
    .filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'if')
    .map((error) => {
      const field = fieldOf(error);
      const code = codeOf(error);
      const value =
        code === 'missing-field' ? undefined : shownValue(valueAt(record, error.instancePath));
      return {
        index,
        code,
        ...(field && { field }),
        message: `${field ?? 'record'} ${error.message ?? 'is invalid'}`,
        ...(value !== undefined && code !== 'extra-field' && { value }),
      };
    });
}
