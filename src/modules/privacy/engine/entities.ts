/** The entity types the detector reports: what HIPAA Safe Harbor lists and text can show. */
export const ENTITY_TYPES = [
  'PERSON',
  'LOCATION',
  'STREET_ADDRESS',
  'ZIP_CODE',
  /** Dates tied to a person, and ages over 89 (recognizer `age-over-89`), as Safe Harbor asks. */
  'DATE_TIME',
  'PHONE_NUMBER',
  'FAX_NUMBER',
  'EMAIL_ADDRESS',
  'US_SSN',
  'MEDICAL_RECORD_NUMBER',
  'HEALTH_PLAN_ID',
  'ACCOUNT_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_DRIVER_LICENSE',
  'VEHICLE_ID',
  'DEVICE_ID',
  'URL',
  'DOMAIN_NAME',
  'IP_ADDRESS',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** One finding: character offsets into the text (end exclusive), a score 0..1, who found it. */
export interface Finding {
  entityType: EntityType;
  start: number;
  end: number;
  score: number;
  recognizer: string;
}
