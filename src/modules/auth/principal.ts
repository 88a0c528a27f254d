/** Roles from least to most privileged; each role can do everything the ones before it can. */
export const ROLES = ['viewer', 'user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DEFAULT_ORG = 'default';

/** Who is calling: the verified claims of their token. */
export interface Principal {
  /** The user id (`sub`). */
  sub: string;
  role: Role;
  /** The tenant; everything the caller sees is scoped to it. */
  org: string;
}

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Whether the principal's role is at least the required one. */
export const hasRole = (principal: Principal, required: Role): boolean =>
  ROLES.indexOf(principal.role) >= ROLES.indexOf(required);
