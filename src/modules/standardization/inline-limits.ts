import { ApiError } from '../../common/errors/api-error';
import { CANONICAL_ROLES, type CanonicalRole } from './conversation/canonical';
import { MAX_INLINE_RECORDS } from './dto/standardize.dto';

/**
 * The checks every synchronous conversation endpoint makes before any work: the record limit
 * (413) and a role map whose names point at real roles (400).
 */
export function checkInlineRequest(
  records: readonly unknown[],
  roleMap: Record<string, CanonicalRole> = {},
): void {
  if (records.length > MAX_INLINE_RECORDS) {
    throw new ApiError(
      'PAYLOAD_TOO_LARGE',
      `At most ${MAX_INLINE_RECORDS} records per request (got ${records.length}); upload larger sets as a dataset`,
    );
  }
  const unknown = Object.keys(roleMap).filter((name) => !CANONICAL_ROLES.includes(roleMap[name]));
  if (unknown.length > 0) {
    throw new ApiError('VALIDATION_ERROR', 'roleMap values must be system, user or assistant', [
      { field: 'roleMap', messages: unknown.map((name) => `"${name}" maps to an unknown role`) },
    ]);
  }
}
