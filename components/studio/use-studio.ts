'use client';

import { createContext, useContext, useSyncExternalStore, type RefObject } from 'react';
import type { MaskEditorHandle } from '@/components/mask/mask-editor';
import type { StudioState, StudioStore } from '@/lib/studio/store';

/** One studio's store and its mask editor's handle, given by `StudioProvider`. */
export interface StudioContextValue {
  store: StudioStore;
  maskEditor: RefObject<MaskEditorHandle | null>;
}

export const StudioContext = createContext<StudioContextValue | null>(null);

function useStudioContext(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error('A studio component was rendered outside <StudioProvider>.');
  return value;
}

/** The studio's store, to call its commands. */
export function useStudioStore(): StudioStore {
  return useStudioContext().store;
}

/** The mask editor's handle (export, has a mask), set once the editor has mounted. */
export function useMaskEditor(): RefObject<MaskEditorHandle | null> {
  return useStudioContext().maskEditor;
}

/**
 * Reads one value of the studio's state (as `useEditorValue` does for the mask editor): the component re-renders
 * only when that value changes. Selectors must return primitives or objects the state already holds.
 */
export function useStudio<T>(select: (state: StudioState) => T): T {
  const { store } = useStudioContext();
  const read = () => select(store.getState());
  return useSyncExternalStore(store.subscribe, read, read);
}

/** The base: the first reference, the image the mask is painted on; null when the tray is empty. */
export function useBase() {
  return useStudio((state) => state.references[0] ?? null);
}
