'use client';

import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type Ref,
} from 'react';
import type { MaskBase } from '@/lib/canvas/editor-core';
import { canvasDescription } from '@/lib/canvas/help';
import { MaskEditor as MaskEditorController } from '@/lib/canvas/mask-editor';
import type { FrameSource } from '@/lib/expand/frame-source';
import { MaskAdjustBar } from './mask-adjust-bar';
import { MaskStage } from './mask-stage';
import { MaskStatus } from './mask-status';
import { MaskToolbar } from './mask-toolbar';
import { ShortcutSheet } from './shortcut-sheet';
import { useEditorValue } from './use-editor-value';
import { useMaskShortcuts } from './use-mask-shortcuts';

export type { MaskBase };

/** What the page may call on the editor. */
export interface MaskEditorHandle {
  /** The mask PNG (base size, alpha 0 = repaint), or null when nothing is painted. */
  exportMaskPng(): Promise<Blob | null>;
  hasMask(): boolean;
  /**
   * Replaces the mask with a PNG of the base's size (alpha 0 = repaint), as one undoable step. Rejects with a
   * sentence when the size does not match the base. Used by Edit again and by the saved draft.
   */
  loadMaskPng(png: Blob): Promise<void>;
}

export interface MaskEditorProps {
  /** The first reference, with its displayed (EXIF-oriented) size; null shows the empty state. */
  base: MaskBase | null;
  controllerRef?: Ref<MaskEditorHandle>;
  /** React 19 ref prop; same handle as `controllerRef`. */
  ref?: Ref<MaskEditorHandle>;
  className?: string;
  /** Called after every committed change to the mask (a finished stroke or command), e.g. to autosave a draft. */
  onMaskChange?: () => void;
  /**
   * Expand canvas: the larger canvas around the base (base pixels), shown as checkerboard with handles that resize
   * it (keeping its ratio when `ratioLocked`, else snapping to the nearest API ratio). The frame's one owner; the
   * editor reads it there and hands it each drag. None (or null): no expand frame.
   */
  frameSource?: FrameSource | null;
}

/** What the canvas's accessible description says, from the command registry like the `?` sheet. */
const HELP = canvasDescription();

/**
 * The mask editor: a Konva canvas (owned by `MaskEditorController`) with a thin React skin.
 * Load it with `MaskEditorLazy` so Konva never reaches the server.
 */
export function MaskEditor({
  base,
  controllerRef,
  ref,
  className = '',
  onMaskChange,
  frameSource = null,
}: MaskEditorProps) {
  const [view] = useState(() => new MaskEditorController());
  const editor = view.core;
  const rootRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const [importError, setImportError] = useState<string | null>(null);

  const handle = (): MaskEditorHandle => ({
    exportMaskPng: () => view.exportMaskPng(),
    hasMask: () => editor.hasMask(),
    // Throws (so the promise rejects) with a sentence on a size mismatch or a non-PNG.
    loadMaskPng: async (png) => editor.loadMaskPng(new Uint8Array(await png.arrayBuffer()), 'Mask loaded'),
  });
  useImperativeHandle(controllerRef, handle, [view, editor]);
  useImperativeHandle(ref, handle, [view, editor]);

  // The latest callback without re-subscribing on every render of the parent.
  const onChangeRef = useRef(onMaskChange);
  useLayoutEffect(() => {
    onChangeRef.current = onMaskChange;
  });
  useEffect(() => editor.onMaskChange(() => onChangeRef.current?.()), [editor]);

  useLayoutEffect(() => {
    // The controller on its own element (not a global): e2e tests and the benchmark read it there.
    if (stageRef.current) Object.defineProperty(stageRef.current, 'maskEditor', { value: view, configurable: true });
  }, [view]);

  useLayoutEffect(() => {
    editor.setFrameSource(frameSource);
    return () => editor.setFrameSource(null);
  }, [editor, frameSource]);

  const url = base?.url;
  const width = base?.width;
  const height = base?.height;
  useEffect(() => {
    view.setBase(url !== undefined && width && height ? { url, width, height } : null);
  }, [view, url, width, height]);

  useMaskShortcuts(editor, rootRef, stageRef);
  const hasBase = useEditorValue(editor, (s) => s.base !== null);
  const cursor = useSyncExternalStore(view.cursor.subscribe, view.cursor.get, view.cursor.get);

  return (
    <div
      ref={rootRef}
      role="group"
      aria-label="Mask editor"
      className={`flex min-h-0 flex-1 flex-col overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900 text-zinc-100 ${className}`}
    >
      <MaskToolbar editor={editor} onImportError={setImportError} />
      <MaskAdjustBar editor={editor} />
      {importError ? (
        <p role="alert" className="border-b border-zinc-800 bg-red-950/60 px-3 py-2 text-sm text-red-200">
          {importError}
        </p>
      ) : null}
      <div className="relative min-h-[420px] flex-1 bg-zinc-950 bg-[conic-gradient(#1f1f23_25%,#161618_0_50%,#1f1f23_0_75%,#161618_0)] bg-[length:24px_24px]">
        {/* aria-description is global in ARIA 1.3 (Chromium, Firefox); jsx-a11y's role table predates it. */}
        {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props */}
        <div
          ref={stageRef}
          role="application"
          aria-roledescription="drawing canvas"
          aria-label="Mask canvas"
          aria-description={HELP}
          tabIndex={0}
          // Inline so the global unlayered :focus-visible rule cannot push the ring outside the
          // rounded, clipped panel: the ring is drawn inside the canvas area instead.
          style={{ outlineOffset: -4, cursor }}
          className="absolute inset-0 touch-none overflow-hidden outline-none select-none focus-visible:outline-2 focus-visible:outline-violet-400"
        >
          <MaskStage editor={view} focusTarget={stageRef} empty={!hasBase} />
        </div>
        {hasBase ? null : (
          <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center gap-2 p-6 text-center">
            <p className="text-base font-medium text-zinc-100">Add a reference image to paint a mask</p>
            <p className="max-w-sm text-sm text-zinc-400">
              The first reference is the base. Paint over it to mark what should change; the rest is kept.
            </p>
          </div>
        )}
      </div>
      <MaskStatus editor={editor} />
      <ShortcutSheet editor={editor} />
    </div>
  );
}
