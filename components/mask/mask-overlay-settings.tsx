'use client';

import { useId } from 'react';
import type { OverlayPattern } from '@/lib/canvas/editor-types';
import type { MaskEditorCore } from '@/lib/canvas/editor-core';
import { OVERLAY_COLORS } from '@/lib/canvas/overlay';
import { useEditorValue } from './use-editor-value';

const selectClass =
  'h-9 rounded-lg border border-zinc-700 bg-zinc-950 px-2 text-zinc-100 focus-visible:outline-2 focus-visible:outline-violet-400 disabled:opacity-50';

/** Overlay colour, pattern (for colour-blind users and same-coloured images) and opacity. */
export function MaskOverlaySettings({ editor }: { editor: MaskEditorCore }) {
  const opacityId = useId();
  const color = useEditorValue(editor, (s) => s.overlayColor);
  const pattern = useEditorValue(editor, (s) => s.overlayPattern);
  const opacity = Math.round(useEditorValue(editor, (s) => s.overlayOpacity) * 100);
  const disabled = useEditorValue(editor, (s) => s.base === null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span
        aria-hidden="true"
        className="size-4 rounded-sm ring-1 ring-zinc-600"
        style={{ backgroundColor: color, opacity: opacity / 100 }}
      />
      <select
        aria-label="Overlay colour"
        value={color}
        disabled={disabled}
        onChange={(e) => editor.setOverlay({ color: e.currentTarget.value })}
        className={selectClass}
      >
        {OVERLAY_COLORS.map((c) => (
          <option key={c.hex} value={c.hex}>
            {c.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Overlay pattern"
        value={pattern}
        disabled={disabled}
        onChange={(e) => editor.setOverlay({ pattern: e.currentTarget.value as OverlayPattern })}
        className={selectClass}
      >
        <option value="solid">Solid</option>
        <option value="stripes">Stripes</option>
        <option value="dots">Dots</option>
      </select>
      <label htmlFor={opacityId}>Opacity</label>
      <input
        id={opacityId}
        type="range"
        min={10}
        max={100}
        step={5}
        value={opacity}
        disabled={disabled}
        aria-label="Overlay opacity"
        aria-valuetext={`${opacity}%`}
        onChange={(e) => editor.setOverlay({ opacity: e.currentTarget.valueAsNumber / 100 })}
        className="h-9 w-20 cursor-pointer accent-violet-500 disabled:opacity-50"
      />
    </div>
  );
}
