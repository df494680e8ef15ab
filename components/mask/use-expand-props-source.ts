'use client';

import { useLayoutEffect, useState } from 'react';
import type { FrameSource } from '@/lib/expand/frame-source';
import type { ExpandFrame } from '@/lib/expand/geometry';

type Expand = { frame: ExpandFrame; ratioLocked: boolean } | null;

/**
 * A `FrameSource` over the older pair of props (`expand` in, `onExpandFrameChange` out), for a page that owns the
 * frame in React state. Until the page hands the dragged frame back, the dragged one is shown, so the frame never
 * jumps back for a render. Goes away once every page passes a `FrameSource` of its own.
 */
export function useExpandPropsSource(
  expand: Expand | undefined,
  onChange: ((frame: ExpandFrame) => void) | undefined,
): FrameSource {
  const [source] = useState(() => new PropsFrameSource());
  useLayoutEffect(() => source.update(expand ?? null, onChange));
  return source;
}

class PropsFrameSource implements FrameSource {
  #expand: Expand = null;
  #shown: Expand = null;
  #onChange: ((frame: ExpandFrame) => void) | undefined;
  readonly #listeners = new Set<() => void>();

  get = (): Expand => this.#shown;

  set = (frame: ExpandFrame): void => {
    if (!this.#shown) return;
    this.#shown = { frame, ratioLocked: this.#shown.ratioLocked };
    this.#notify();
    this.#onChange?.(frame);
  };

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  update(expand: Expand, onChange: ((frame: ExpandFrame) => void) | undefined): void {
    this.#onChange = onChange;
    const prev = this.#expand;
    if (prev === expand || (prev && expand && prev.frame === expand.frame && prev.ratioLocked === expand.ratioLocked))
      return;
    this.#expand = expand;
    this.#shown = expand ? { frame: expand.frame, ratioLocked: expand.ratioLocked } : null;
    this.#notify();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
