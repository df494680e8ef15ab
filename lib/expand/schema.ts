import { z } from 'zod';
import { FIXED_RATIOS } from '@/lib/jobs/options';
import type { ExpandFrame } from './geometry';

/** One of the API's fixed ratios (auto cannot be expanded to). */
export const fixedRatioSchema = z.enum(FIXED_RATIOS);

const pixels = z.number().int().min(0).max(1_000_000);

/** An expand frame as it crosses the wire: the ratio, the canvas size and the original's offset, in its pixels. */
export const expandFrameSchema = z.object({
  ratio: fixedRatioSchema,
  canvas: z.object({ width: pixels.min(1), height: pixels.min(1) }),
  offset: z.object({ x: pixels, y: pixels }),
}) satisfies z.ZodType<ExpandFrame>;
