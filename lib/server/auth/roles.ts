/*
 * What each role may do. Pure data and one function, so the guard, the pages and the tests read the same table.
 * `view`: see the studio, the gallery and the log of their own work; `react`: star and comment; `generate`: spend
 * (generate, retry, segment, upload references, keep a draft); `curate`: delete, presets, boards, approvals;
 * `share`: make and revoke public links; `admin`: people, invitations, roles, the activity log.
 */

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['view', 'react', 'generate', 'curate', 'share', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  member: ['view', 'react', 'generate', 'curate', 'share'],
  viewer: ['view', 'react'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Why a role may not do something, in words for the person (the Generate button's description, a refusal). */
export function refusalFor(role: Role, permission: Permission): string {
  if (permission === 'admin') return 'Only an admin or the owner can manage people and see the activity log.';
  if (role === 'viewer') return 'Viewers can look, star and comment, but not generate, share or change results.';
  return 'Your role does not allow this.';
}
