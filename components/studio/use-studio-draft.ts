'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { getDraft, putDraft, putDraftMask } from '@/app/(studio)/draft-actions';
import type { MaskEditorHandle } from '@/components/mask/mask-editor';
import type { ExpandFrame } from '@/lib/expand/geometry';
import type { GenerationOptions } from '@/lib/jobs/options';
import type { StartPoint } from '@/lib/jobs/start-points';
import type { AssetView } from '@/lib/jobs/types';

const BROWSER_ID_KEY = 'overpaint:browser-id';
const SAVE_DELAY_MS = 400;
const MASK_SAVE_DELAY_MS = 800;

function browserId(): string {
  let id = localStorage.getItem(BROWSER_ID_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(BROWSER_ID_KEY, id);
  }
  return id;
}

interface DraftState {
  references: AssetView[];
  prompt: string;
  options: GenerationOptions;
  startPoint: StartPoint | null;
  /** Expand canvas: the frame and the base it was set on; null when not expanding. */
  expand: { baseId: string; frame: ExpandFrame } | null;
}

interface UseStudioDraft {
  state: DraftState;
  editor: RefObject<MaskEditorHandle | null>;
  onRestore(draft: DraftState & { mask: AssetView | null }): void;
}

/**
 * The studio's draft on the server, keyed by a random id this browser keeps: restored once on load, then saved a
 * moment after each change. The mask's pixels are saved apart (a PNG asset), debounced on the editor's changes.
 */
export function useStudioDraft({ state, editor, onRestore }: UseStudioDraft) {
  const [restored, setRestored] = useState(false);
  const id = useRef<string | null>(null);
  const maskBaseId = useRef<string | null>(null);
  const maskTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const restore = useRef(onRestore);
  const latest = useRef(state);
  useLayoutEffect(() => {
    restore.current = onRestore;
    latest.current = state;
  });

  useEffect(() => {
    id.current = browserId();
    void getDraft(id.current)
      .then((result) => {
        if (result.ok && result.data) {
          maskBaseId.current = result.data.mask ? (result.data.references[0]?.id ?? null) : null;
          restore.current(result.data);
        }
      })
      .finally(() => setRestored(true));
  }, []);

  const baseId = state.references[0]?.id ?? null;
  const referenceKey = state.references.map((reference) => reference.id).join(',');
  // The frame is compared by value (a render may make an equal new object); the save reads the latest one.
  const expandKey = state.expand ? JSON.stringify(state.expand) : '';
  useEffect(() => {
    if (!restored || !id.current) return;
    const browser = id.current;
    const timer = setTimeout(() => {
      // A mask belongs to the base it was painted on: a new base drops it.
      const clearMask = maskBaseId.current !== null && maskBaseId.current !== baseId;
      if (clearMask) maskBaseId.current = null;
      const referenceIds = referenceKey ? referenceKey.split(',') : [];
      void putDraft(browser, {
        prompt: state.prompt,
        options: state.options,
        referenceIds,
        clearMask,
        startPoint: state.startPoint,
        expand: latest.current.expand,
      });
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [restored, state.prompt, state.options, state.startPoint, referenceKey, baseId, expandKey]);

  const onMaskChange = useCallback(() => {
    clearTimeout(maskTimer.current);
    maskTimer.current = setTimeout(async () => {
      const browser = id.current;
      const handle = editor.current;
      if (!browser || !handle) return;
      const png = await handle.exportMaskPng();
      if (!png) {
        // Cleared: the saved mask goes too.
        maskBaseId.current = null;
        const { prompt, options, references } = latest.current;
        void putDraft(browser, { prompt, options, referenceIds: references.map((r) => r.id), clearMask: true });
        return;
      }
      const body = new FormData();
      body.set('browserId', browser);
      body.set('mask', png, 'mask.png');
      const result = await putDraftMask(body).catch(() => null);
      if (result?.ok) maskBaseId.current = baseId;
    }, MASK_SAVE_DELAY_MS);
  }, [editor, baseId]);

  useEffect(() => () => clearTimeout(maskTimer.current), []);

  return { restored, onMaskChange };
}
