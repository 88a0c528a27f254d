export { DEFAULT_MIN_SCORE, resolveOverlaps, type ScanOptions, scanText } from './analyzer';
export { ENTITY_TYPES, type EntityType, type Finding } from './entities';
export {
  columnType,
  type FieldFinding,
  fieldFindings,
  MAX_RECORD_DEPTH,
  pathKeys,
  RecordTooDeepError,
  PII_ACTIONS,
  type PiiAction,
  redactRecord,
  scanRecord,
  stringFields,
} from './records';
export { KeyedHasher, REDACT_ACTIONS, type RedactAction, redactText } from './redact';
export {
  DEFAULT_SCAN_TIMEOUTS,
  type LineScan,
  PiiScanPool,
  POOL_MIN_CHARS,
  type ScanTimeouts,
  ScanTimeoutError,
  scanLines,
} from './scan-pool';
