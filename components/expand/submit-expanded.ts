import { submitExpandedGeneration } from '@/app/(studio)/expand-actions';
import type { Result } from '@/lib/errors';
import type { Placement, Point, Size } from '@/lib/expand/geometry';
import type { FixedRatio, GenerationOptions } from '@/lib/jobs/options';
import type { ExpandSubmission } from '@/lib/expand/types';

export interface ExpandRequest {
  idempotencyKey: string;
  prompt: string;
  options: GenerationOptions;
  referenceIds: string[];
  /** Per ratio: the smallest canvas with the original at a placement, or the exact frame set in the editor. */
  targets: ({ ratio: FixedRatio; placement: Placement } | { ratio: FixedRatio; canvas: Size; offset: Point })[];
  /** The mask painted on the original (its size), or null. */
  mask: Blob | null;
}

/** Sends one Expand or one ratio set to the server action: JSON payload plus the painted mask as a file. */
export function submitExpandRequest({ mask, ...payload }: ExpandRequest): Promise<Result<ExpandSubmission>> {
  const body = new FormData();
  body.set('payload', JSON.stringify(payload));
  if (mask) body.set('mask', mask, 'mask.png');
  return submitExpandedGeneration(body);
}
