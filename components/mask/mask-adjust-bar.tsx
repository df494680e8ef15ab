'use client';

import { useId } from 'react';
import type { MaskEditorCore } from '@/lib/canvas/editor-core';
import { BrushSettings } from './brush-settings';
import { MaskCommandButton } from './mask-command-button';
import { MaskOverlaySettings } from './mask-overlay-settings';
import { ShapeMode } from './mask-toolbar';
import { useEditorValue } from './use-editor-value';

/** The second toolbar row: the tool's settings, grow / shrink / feather by N px, and how the overlay looks. */
export function MaskAdjustBar({ editor }: { editor: MaskEditorCore }) {
  const radiusId = useId();
  const tool = useEditorValue(editor, (s) => s.tool);
  const radius = useEditorValue(editor, (s) => s.adjustRadius);
  const disabled = useEditorValue(editor, (s) => s.base === null);
  return (
    <div
      role="toolbar"
      aria-label="Mask adjustments"
      className="flex flex-wrap items-center gap-1 border-b border-zinc-800 px-2 py-1.5 text-sm text-zinc-400"
    >
      {tool === 'brush' || tool === 'eraser' ? <BrushSettings editor={editor} /> : <ShapeMode editor={editor} />}
      <span aria-hidden="true" className="mx-1 hidden h-6 w-px bg-zinc-800 sm:block" />
      {/* The distance belongs to the three commands it drives, so they sit in one frame: "Grow Shrink Feather by 8 px". */}
      <div
        role="group"
        aria-label="Grow, shrink or feather the mask"
        className="flex min-w-0 flex-wrap items-center gap-1 rounded-lg border border-zinc-800 py-0.5 pr-2 pl-0.5"
      >
        <MaskCommandButton editor={editor} name="grow" />
        <MaskCommandButton editor={editor} name="shrink" />
        <MaskCommandButton editor={editor} name="feather" />
        <span className="flex items-center gap-1 whitespace-nowrap">
          <label htmlFor={radiusId} className="pr-1 pl-1.5">
            by
          </label>
          <input
            id={radiusId}
            type="number"
            min={1}
            max={256}
            value={radius}
            disabled={disabled}
            aria-label="Adjust by pixels"
            onChange={(e) => editor.setAdjustRadius(e.currentTarget.valueAsNumber)}
            className="h-8 w-16 rounded-md border border-zinc-700 bg-zinc-950 px-2 tabular-nums text-zinc-100 focus-visible:outline-2 focus-visible:outline-violet-400 disabled:opacity-50"
          />
          <span>px</span>
        </span>
      </div>
      <span className="ml-auto" />
      <MaskOverlaySettings editor={editor} />
    </div>
  );
}
