/** Share links as the studio sees them. The token is in a link's URL only, shown once when it is made. */

export const SHARE_EXPIRIES = ['1d', '7d', '30d', 'never'] as const;
export type ShareExpiry = (typeof SHARE_EXPIRIES)[number];

export const SHARE_EXPIRY_LABELS: Record<ShareExpiry, string> = {
  '1d': '1 day',
  '7d': '7 days',
  '30d': '30 days',
  never: 'Never',
};

export type ShareStatus = 'active' | 'expired' | 'revoked';

export interface ShareView {
  id: string;
  jobId: string;
  /** One result (0-based), or null for the whole task. */
  position: number | null;
  includePrompt: boolean;
  /** The original (the task's base image) is shown too, as a before/after slider. */
  includeBefore: boolean;
  /** The first characters of the token, to tell links apart. */
  tokenHint: string;
  status: ShareStatus;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** The task's prompt: the sharer's own data, shown to the sharer only. */
  prompt: string;
  /** A thumbnail of what is shared, from the studio's own asset route. */
  thumbUrl: string | null;
}

export interface CreatedShare {
  /** The absolute link, `<origin>/s/<token>`. */
  url: string;
  share: ShareView;
}

/** Milliseconds an expiry choice lasts, or null for never. */
export function expiryMs(expiry: ShareExpiry): number | null {
  const day = 24 * 60 * 60 * 1000;
  return { '1d': day, '7d': 7 * day, '30d': 30 * day, never: null }[expiry];
}
