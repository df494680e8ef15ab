import type { ExpandFrame } from './geometry';

/** The expand frame as the mask editor sees it: one owner outside the editor, read and written through this. */
export interface FrameSource {
  /** The frame to show (already conformed to the base and the ratio), or null when not expanding. */
  get(): { frame: ExpandFrame; ratioLocked: boolean } | null;
  /** A handle or the original was dragged: the owner stores the frame it made. */
  set(frame: ExpandFrame): void;
  /** Calls `listener` whenever `get()` may return something new; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}
