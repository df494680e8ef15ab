'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { MaskEditorHandle } from '@/components/mask/mask-editor';

interface PendingMask {
  url: string;
  baseId: string;
}

const ATTEMPTS = 12;
const RETRY_MS = 250;

/**
 * Loads a stored mask PNG into the editor once the editor shows the base it was painted on (Edit again, a restored
 * draft). The editor loads its base image asynchronously and rejects a mask of another size, so this waits for the
 * base and retries a few times before saying it could not.
 */
export function useMaskLoader(editor: RefObject<MaskEditorHandle | null>, baseId: string | null) {
  const [pending, setPending] = useState<PendingMask | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback((url: string, forBaseId: string) => {
    setProblem(null);
    setPending({ url, baseId: forBaseId });
  }, []);

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
            setPending(null);
            return;
          } catch {
            // The base may still be loading; try again shortly.
          }
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
      if (run !== generation.current) return;
      setPending(null);
      setProblem('The saved mask could not be restored; paint it again.');
    })();
  }, [pending, baseId, editor]);

  return { load, problem, loading: pending !== null };
}
