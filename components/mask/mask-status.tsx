'use client';

import type { MaskEditorCore } from '@/lib/canvas/editor-core';
import { MaskCommandButton } from './mask-command-button';
import { useEditorValue } from './use-editor-value';

/**
 * The size guarantee, shown up front: the mask document is created from the base's oriented
 * size, so it always matches; the line says so (or why the image is not shown).
 */
export function MaskStatus({ editor }: { editor: MaskEditorCore }) {
  const base = useEditorValue(editor, (s) => s.base);
  const width = useEditorValue(editor, (s) => s.maskWidth);
  const height = useEditorValue(editor, (s) => s.maskHeight);
  const imageStatus = useEditorValue(editor, (s) => s.imageStatus);
  const zoom = useEditorValue(editor, (s) => Math.round(s.zoom * 100));
  const baseNote = useEditorValue(editor, (s) => s.baseNote);
  const notice = useEditorValue(editor, (s) => s.notice);
  if (!base) return null;
  const matches = width === base.width && height === base.height;

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-zinc-800 px-3 py-2 text-sm text-zinc-400">
      <p role="status" className="flex items-center gap-1.5">
        {matches ? (
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 text-emerald-400" fill="currentColor">
            <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
          </svg>
        ) : null}
        <span className={matches ? 'text-zinc-100' : 'text-red-300'}>
          {matches
            ? `Mask fits the base image, ${width} × ${height}`
            : `Mask ${width} × ${height} does not fit the base image, ${base.width} × ${base.height}`}
        </span>
        {baseNote ? <span className="text-zinc-300"> {baseNote}</span> : null}
        {notice ? <span className="text-zinc-300"> {notice}.</span> : null}
      </p>
      {imageStatus === 'loading' ? <span>Loading image…</span> : null}
      {imageStatus === 'error' ? (
        <span role="alert" className="text-red-300">
          The base image could not be shown; painting still works.
        </span>
      ) : null}
      <span className="ml-auto tabular-nums" aria-label={`Zoom ${zoom} percent`}>
        Zoom {zoom}%
      </span>
      <MaskCommandButton editor={editor} name="zoom-actual" compact tipSide="above" tipAlign="end" />
      <MaskCommandButton editor={editor} name="zoom-fit" compact tipSide="above" tipAlign="end" />
    </div>
  );
}
