'use server';

import { headers } from 'next/headers';
import type { Result } from '@/lib/errors';
import type { CreatedShare, ShareView } from '@/lib/share/types';
import { guardAction } from '@/lib/server/guard';
import { recordWhenDone } from '@/lib/server/people/activity';
import { publicOrigin } from '@/lib/server/share/origin';
import { createShare, revokeShare, updateShare } from '@/lib/server/share/shares';

/*
 * Share links, from the studio. Public endpoints like every action: each goes through `guardAction`, which
 * refuses callers without a studio session once APP_PASSWORD is set. Input is parsed in lib/server/share.
 */

/** `{ jobId, position?, includePrompt, expiry }` → the absolute link (shown once; only its hash is stored). */
export async function shareResult(input: unknown): Promise<Result<CreatedShare>> {
  return guardAction('shareResult', 'share', async (actor) =>
    createShare(input, publicOrigin(await headers())).then(
      recordWhenDone(actor, 'share.created', (d) => ({ shareId: d.share.id, jobId: d.share.jobId })),
    ),
  );
}

/** `{ id, includePrompt?, expiry? }`: show or hide the prompt, or set the expiry counted from now. */
export async function updateShareLink(input: unknown): Promise<Result<ShareView>> {
  return guardAction('updateShareLink', 'share', () => updateShare(input));
}

/** Revokes a link: its page and images answer 404 from the next request on. */
export async function revokeShareLink(id: unknown): Promise<Result<ShareView>> {
  return guardAction('revokeShareLink', 'share', (actor) =>
    revokeShare(id).then(recordWhenDone(actor, 'share.revoked', (d) => ({ shareId: d.id, jobId: d.jobId }))),
  );
}
