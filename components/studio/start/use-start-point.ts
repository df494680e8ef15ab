'use client';

import { useState } from 'react';
import { startPointOptions, type StartPoint } from '@/lib/jobs/start-points';
import type { GenerationOptions } from '@/lib/jobs/options';

interface Base {
  id: string;
  width: number;
  height: number;
}

interface UseStartPoint {
  options: GenerationOptions;
  setOptions(options: GenerationOptions): void;
  base: Base | null;
}

/**
 * The chosen start point and what it opens: whether the mask editor is expanded, and, for style transfer, the 4k
 * ratio that follows the base. Choosing one only sets things up; everything stays visible and editable.
 */
export function useStartPoint({ options, setOptions, base }: UseStartPoint) {
  const [startPoint, setStartPoint] = useState<StartPoint | null>(null);
  const [maskOpen, setMaskOpen] = useState(true);
  // The base the style-transfer ratio was last fitted to: a new base refits it once, a user's own pick then stands.
  const [fittedBase, setFittedBase] = useState<string | null>(null);
  // A new edit gets a fresh mask editor (empty mask, brush tool): the editor is keyed on this.
  const [session, setSession] = useState(0);
  // Whether anything is painted, for the inpainting hint (shown until the first stroke).
  const [maskPainted, setMaskPainted] = useState(false);

  const baseId = base?.id ?? null;
  if (startPoint === 'style' && base && fittedBase !== base.id) {
    // Adjusting state while rendering (React's pattern for "when a prop changes") rather than in an effect.
    setFittedBase(base.id);
    setOptions(startPointOptions('style', options, base));
  }

  /** Sets the studio up for a start point; the caller has already cleared it for a new edit. */
  function choose(point: StartPoint) {
    setStartPoint(point);
    setMaskOpen(point !== 'blend');
    setFittedBase(baseId);
    setOptions(startPointOptions(point, options, base));
    // The Start section goes away; the keyboard lands where the mode begins.
    const target = point === 'text' ? '[data-studio-prompt]' : '[data-testid="reference-drop-zone"] input';
    requestAnimationFrame(() => document.querySelector<HTMLElement>(target)?.focus());
  }

  /** Back to no start point with a fresh mask editor; the caller clears references, prompt and options. */
  function reset() {
    restore(null, null);
    setMaskPainted(false);
    setSession((current) => current + 1);
  }

  /** A start point coming back from the draft or a job (Edit again): its layout, not its option presets. */
  function restore(point: StartPoint | null, restoredBaseId: string | null) {
    setStartPoint(point);
    setMaskOpen(point !== 'blend');
    setFittedBase(restoredBaseId);
  }

  return { startPoint, maskOpen, setMaskOpen, session, maskPainted, setMaskPainted, choose, restore, reset };
}
