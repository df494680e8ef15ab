'use client';

import { useId } from 'react';
import type { MaskEditorCore } from '@/lib/canvas/editor-core';
import { useEditorValue } from './use-editor-value';

const sliderClass =
  'h-9 w-24 cursor-pointer accent-violet-500 disabled:cursor-not-allowed disabled:opacity-50 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 rounded';

/** Brush size and hardness sliders ([ ] and Shift+[ ] change them too). */
export function BrushSettings({ editor }: { editor: MaskEditorCore }) {
  const sizeId = useId();
  const hardnessId = useId();
  const disabled = useEditorValue(editor, (s) => s.base === null);
  const size = useEditorValue(editor, (s) => s.brushSize);
  const min = useEditorValue(editor, (s) => s.minBrushSize);
  const max = useEditorValue(editor, (s) => s.maxBrushSize);
  const hardness = Math.round(useEditorValue(editor, (s) => s.brushHardness) * 100);

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 px-1 text-sm text-zinc-400">
      <div className="flex items-center gap-2">
        <label htmlFor={sizeId}>Size</label>
        <input
          id={sizeId}
          type="range"
          aria-label="Brush size"
          aria-valuetext={`${size} pixels`}
          aria-keyshortcuts="[ ]"
          title="Brush size ([ and ])"
          min={min}
          max={max}
          step={1}
          value={size}
          disabled={disabled}
          onChange={(e) => editor.setBrushSize(e.currentTarget.valueAsNumber)}
          className={sliderClass}
        />
        <output htmlFor={sizeId} className="w-12 tabular-nums text-zinc-100">
          {size} px
        </output>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={hardnessId}>Hardness</label>
        <input
          id={hardnessId}
          type="range"
          aria-label="Brush hardness"
          aria-valuetext={`${hardness}%`}
          aria-keyshortcuts="Shift+[ Shift+]"
          title="Brush hardness (Shift+[ and Shift+])"
          min={0}
          max={100}
          step={5}
          value={hardness}
          disabled={disabled}
          onChange={(e) => editor.setBrushHardness(e.currentTarget.valueAsNumber / 100)}
          className={sliderClass}
        />
        <output htmlFor={hardnessId} className="w-10 tabular-nums text-zinc-100">
          {hardness}%
        </output>
      </div>
    </div>
  );
}
