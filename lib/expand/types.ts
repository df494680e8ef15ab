import type { FixedRatio } from '@/lib/jobs/options';
import type { AssetView, Job } from '@/lib/jobs/types';
import type { ExpandFrame, Placement, Size } from './geometry';

/** How a task's first image was expanded, as the gallery and Edit again see it. */
export interface JobExpansion {
  /** The ratio set this task belongs to, or null for a single expanded task. */
  setId: string | null;
  ratio: FixedRatio;
  /** The frame as the user set it, in the original's pixels: what Edit again reopens. */
  frame: ExpandFrame;
  placement: Placement;
  /** The padded image's size as sent (the frame, scaled down when it passed the caps). */
  canvas: Size;
  offset: { x: number; y: number };
  scale: number;
  /** The original the user expanded, and the mask painted on it (null: only the new area is repainted). */
  source: AssetView | null;
  paintedMask: AssetView | null;
}

/** What one Expand or ratio-set submit made. */
export interface ExpandSubmission {
  /** The set's id when more than one ratio was asked for, else null. */
  setId: string | null;
  jobs: Job[];
}
