import type { CanonicalRole } from './canonical';

/** Role names seen in chat datasets and what they mean; callers can add or override names. */
export const DEFAULT_ROLE_MAP: Readonly<Record<string, CanonicalRole>> = {
  system: 'system',
  instruction: 'system',
  user: 'user',
  human: 'user',
  patient: 'user',
  client: 'user',
  seeker: 'user',
  usr: 'user',
  prompter: 'user',
  question: 'user',
  assistant: 'assistant',
  gpt: 'assistant',
  bot: 'assistant',
  ai: 'assistant',
  model: 'assistant',
  chatgpt: 'assistant',
  therapist: 'assistant',
  counselor: 'assistant',
  counsellor: 'assistant',
  supporter: 'assistant',
  answer: 'assistant',
};

export type RoleMap = Readonly<Record<string, CanonicalRole>>;

/**
 * A role map with the caller's names (case-insensitive) over the defaults. It has no prototype,
 * so a role named like an Object method ("constructor") is an unknown role, not a function.
 */
export function roleMap(overrides: Record<string, CanonicalRole> = {}): RoleMap {
  const map: Record<string, CanonicalRole> = Object.assign(Object.create(null), DEFAULT_ROLE_MAP);
  for (const [name, role] of Object.entries(overrides)) map[name.trim().toLowerCase()] = role;
  return map;
}

/** The canonical role of a source role name, or undefined when the name is not known. */
export function canonicalRole(name: unknown, map: RoleMap): CanonicalRole | undefined {
  if (typeof name !== 'string') return undefined;
  // The map's names are trimmed and lower case, so a name found as it is needs neither.
  return map[name] ?? map[name.trim().toLowerCase()];
}
