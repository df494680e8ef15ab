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
  }

  /** A start point coming back from the draft or a job (Edit again): its layout, not its option presets. */
  function restore(point: StartPoint | null, restoredBaseId: string | null) {
    setStartPoint(point);
    setMaskOpen(point !== 'blend');
    setFittedBase(restoredBaseId);
  }

  return { startPoint, maskOpen, setMaskOpen, choose, restore };
}
