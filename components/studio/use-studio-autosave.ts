'use client';

import { useEffect } from 'react';
import { getDraft, putDraft, putDraftMask } from '@/app/(studio)/draft-actions';
import { startAutosave, type DraftStorage } from '@/lib/studio/autosave';
import { parseSavedDraft } from '@/lib/studio/draft-schema';
import { useMaskEditor, useStudioStore } from './use-studio';

const BROWSER_ID_KEY = 'overpaint:browser-id';

function browserId(): string {
  let id = localStorage.getItem(BROWSER_ID_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(BROWSER_ID_KEY, id);
  }
  return id;
}

/** The draft's storage: the server actions, keyed by a random id this browser keeps. */
const serverDrafts: DraftStorage = {
  async load(id) {
    const result = await getDraft(id);
    return result.ok && result.data ? parseSavedDraft(result.data) : null;
  },
  save: (id, input) => putDraft(id, input),
  async saveMask(id, png) {
    const body = new FormData();
    body.set('browserId', id);
    body.set('mask', png, 'mask.png');
    return (await putDraftMask(body)).ok;
  },
};

/** Restores this browser's draft into the studio's store, then keeps it saved (`lib/studio/autosave.ts`). */
export function useStudioAutosave() {
  const store = useStudioStore();
  const maskEditor = useMaskEditor();
  useEffect(() => {
    const autosave = startAutosave(store, {
      browserId: browserId(),
      storage: serverDrafts,
      exportMask: () => maskEditor.current?.exportMaskPng(),
    });
    // Marks the page once the studio holds its draft and listens: tests (and scripts) wait for it before typing.
    let live = true;
    void autosave.restored.then(() => {
      if (live) document.documentElement.setAttribute('data-draft-restored', '');
    });
    return () => {
      live = false;
      autosave.stop();
      document.documentElement.removeAttribute('data-draft-restored');
    };
  }, [store, maskEditor]);
}
