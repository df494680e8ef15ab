import { frameRect, type FrameHandle, type Rect } from '@/lib/expand/frame';
import type { ExpandFrame } from '@/lib/expand/geometry';
import type { FrameSource } from '@/lib/expand/frame-source';
import type { Camera, Point } from './camera';
import { frameHandleAt } from './frame-drag';

/**
 * The expand frame as the editor uses it. The frame has one owner outside the editor (`FrameSource`): this reads it
 * there each time (no copy), writes finished drags back through `set`, and tells the editor when the frame it shows
 * moved, so the view refits. `fittedKey` is the view's memory of what it last fitted to, not a second frame: a
 * source that hands out an equal frame again (a re-render) must not throw away the user's zoom.
 */
export class ExpandFrameController {
  #source: FrameSource | null = null;
  #unsubscribe: (() => void) | null = null;
  #fittedKey = '';

  /** `moved` is true when the frame shown changed place or size (or appeared, or went). */
  constructor(private readonly onChange: (moved: boolean) => void) {}

  /** Reads the frame from `source` from now on (null: never expanding). */
  attach(source: FrameSource | null): void {
    if (source === this.#source) return;
    this.#unsubscribe?.();
    this.#source = source;
    this.#unsubscribe = source ? source.subscribe(() => this.#sync()) : null;
    this.#sync();
  }

  /** The frame and how its handles drag, as the owner has it now; null when not expanding. */
  get current(): { frame: ExpandFrame; ratioLocked: boolean } | null {
    return this.#source?.get() ?? null;
  }

  /** Hands a dragged frame to its owner. */
  set(frame: ExpandFrame): void {
    this.#source?.set(frame);
  }

  /** The frame handle under a stage point for a frame shown as `rect` (image px), or null. */
  handleAt(camera: Camera, rect: Rect | null, point: Point): FrameHandle | null {
    return rect ? frameHandleAt(camera, rect, point) : null;
  }

  #sync(): void {
    const key = frameKey(this.current?.frame ?? null);
    const moved = key !== this.#fittedKey;
    this.#fittedKey = key;
    this.onChange(moved);
  }
}

/** Two frames with the same key show the same canvas around the original. */
export function frameKey(frame: ExpandFrame | null): string {
  if (!frame) return '';
  const rect = frameRect(frame);
  return [frame.ratio, rect.x, rect.y, rect.width, rect.height].join(',');
}
