'use client';

import { useSyncExternalStore } from 'react';
import type { MaskEditorCore, MaskEditorSnapshot } from '@/lib/canvas/editor-core';

/**
 * Reads one value of the editor snapshot (tldraw's `useValue`): the component re-renders only
 * when that value changes. Selectors must return primitives or objects the snapshot already holds.
 */
export function useEditorValue<T>(editor: MaskEditorCore, select: (snapshot: MaskEditorSnapshot) => T): T {
  const read = () => select(editor.getSnapshot());
  return useSyncExternalStore(editor.subscribe, read, read);
}
