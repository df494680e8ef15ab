'use client';

import { useId } from 'react';
import type { MaskEditor } from '@/lib/canvas/mask-editor';
import { MaskCommandButton } from './mask-command-button';
import { useEditorValue } from './use-editor-value';

function Divider() {
  return <span aria-hidden="true" className="mx-1 hidden h-6 w-px bg-zinc-800 sm:block" />;
}

/** Tools, brush settings and mask commands. Every button is a registry command. */
export function MaskToolbar({ editor }: { editor: MaskEditor }) {
  return (
    <div
      role="toolbar"
      aria-label="Mask tools"
      className="flex flex-wrap items-center gap-1 border-b border-zinc-800 px-2 py-2"
    >
      <MaskCommandButton editor={editor} name="brush" />
      <MaskCommandButton editor={editor} name="eraser" />
      <Divider />
      <BrushSettings editor={editor} />
      <Divider />
      <MaskCommandButton editor={editor} name="undo" />
      <MaskCommandButton editor={editor} name="redo" />
      <Divider />
      <MaskCommandButton editor={editor} name="invert" />
      <MaskCommandButton editor={editor} name="clear" />
    </div>
  );
}

const sliderClass =
  'h-9 w-24 cursor-pointer accent-violet-500 disabled:cursor-not-allowed disabled:opacity-50 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 rounded';

function BrushSettings({ editor }: { editor: MaskEditor }) {
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
