'use client';

import { useMaskEditor, useStudioStore } from './use-studio';

/** The painted mask for a submit, read from the mask editor when the submit happens. */
export function useMaskExport() {
  const store = useStudioStore();
  const editor = useMaskEditor();
  const exportMask = () => editor.current?.exportMaskPng() ?? Promise.resolve(null);
  return {
    hasMask: () => editor.current?.hasMask() ?? false,
    exportMask,
    /** What Generate sends: a folded-away mask never is (blending means no mask unless the editor is opened again). */
    exportSentMask() {
      const { startPoint, maskOpen } = store.getState();
      return startPoint === 'blend' && !maskOpen ? Promise.resolve(null) : exportMask();
    },
  };
}
