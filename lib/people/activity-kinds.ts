/*
 * What the activity log records, and how each entry reads to an admin. Pure, so the server that writes entries and
 * the People page that lists them share one list.
 */

export const ACTIVITY_KINDS = [
  'sign-in',
  'person.created',
  'person.joined',
  'person.role',
  'person.deactivated',
  'person.reactivated',
  'password.reset-link',
  'password.reset',
  'invitation.created',
  'invitation.revoked',
  'share.created',
  'share.revoked',
  'board-share.created',
  'board-share.revoked',
  'result.deleted',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The filter's choices: what happened, as an admin would look for it. */
export const ACTIVITY_LABELS: Record<ActivityKind, string> = {
  'sign-in': 'Sign-ins',
  'person.created': 'Owner account created',
  'person.joined': 'Joined by invitation',
  'person.role': 'Role changes',
  'person.deactivated': 'Deactivations',
  'person.reactivated': 'Reactivations',
  'password.reset-link': 'Password reset links made',
  'password.reset': 'Passwords reset',
  'invitation.created': 'Invitations made',
  'invitation.revoked': 'Invitations revoked',
  'share.created': 'Share links made',
  'share.revoked': 'Share links revoked',
  'board-share.created': 'Board links made',
  'board-share.revoked': 'Board links revoked',
  'result.deleted': 'Results deleted',
};

export function isActivityKind(value: unknown): value is ActivityKind {
  return typeof value === 'string' && (ACTIVITY_KINDS as readonly string[]).includes(value);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * One entry as a phrase that follows its person's name ("Olive Owner changed Milo Member's role to viewer").
 * `nameOf` turns a person id from the entry's details into a name; unknown ids read as "someone". Details are data
 * the server wrote, but read defensively: an entry from an older version may lack a field.
 */
export function describeActivity(
  kind: string,
  details: Record<string, unknown>,
  nameOf: (personId: string) => string | undefined,
): string {
  const person = text(details.personId);
  const whom = (person && nameOf(person)) ?? 'someone';
  const role = text(details.role);
  switch (kind) {
    case 'sign-in':
      return 'signed in';
    case 'person.created':
      return 'created the owner account';
    case 'person.joined':
      return role ? `joined as ${role}` : 'joined by invitation';
    case 'person.role':
      return role ? `changed ${whom}’s role to ${role}` : `changed ${whom}’s role`;
    case 'person.deactivated':
      return `deactivated ${whom}`;
    case 'person.reactivated':
      return `reactivated ${whom}`;
    case 'password.reset-link':
      return details.by === 'mail'
        ? 'asked for a password reset link by mail'
        : `made a password reset link for ${whom}`;
    case 'password.reset':
      return 'set a new password with a reset link';
    case 'invitation.created':
      return role ? `invited a new ${role}` : 'made an invitation';
    case 'invitation.revoked':
      return 'revoked an invitation';
    case 'share.created':
      return 'made a share link';
    case 'share.revoked':
      return 'revoked a share link';
    case 'board-share.created':
      return text(details.boardName) ? `shared the board “${text(details.boardName)}”` : 'shared a board';
    case 'board-share.revoked':
      return 'revoked a board link';
    case 'result.deleted':
      return 'deleted a result';
    default:
      return kind;
  }
}
