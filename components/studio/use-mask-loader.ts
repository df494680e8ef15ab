'use client';

import { useEffect, useRef } from 'react';
import { useMaskEditor, useStudio, useStudioStore } from './use-studio';

const ATTEMPTS = 12;
const RETRY_MS = 250;

/**
 * Loads the stored mask the store asks for (`maskToLoad`: Edit again, a restored draft) into the editor once the
 * editor shows the base it was painted on. The editor loads its base image asynchronously and rejects a mask of
 * another size, so this waits for the base and retries a few times before saying it could not.
 */
export function useMaskLoader() {
  const store = useStudioStore();
  const editor = useMaskEditor();
  const pending = useStudio((state) => state.maskToLoad);
  const baseId = useStudio((state) => state.references[0]?.id ?? null);
  const generation = useRef(0);

  useEffect(() => {
    if (!pending || pending.baseId !== baseId) return;
    const run = ++generation.current;
    void (async () => {
      const response = await fetch(pending.url).catch(() => null);
      const blob = response?.ok ? await response.blob() : null;
      for (let attempt = 0; blob && attempt < ATTEMPTS; attempt++) {
        if (run !== generation.current) return;
        const handle = editor.current;
        if (handle) {
          try {
            await handle.loadMaskPng(blob);
            store.maskLoadSettled(null);
            return;
          } catch {
            // The base may still be loading; try again shortly.
          }
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
      if (run !== generation.current) return;
      store.maskLoadSettled('The saved mask could not be restored; paint it again.');
    })();
  }, [pending, baseId, editor, store]);
}
