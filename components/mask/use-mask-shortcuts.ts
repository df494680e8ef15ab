'use client';

import { useEffect, type RefObject } from 'react';
import { commandForKey } from '@/lib/canvas/commands';
import type { MaskEditorCore } from '@/lib/canvas/editor-core';
import { isTextEntryTarget } from '@/lib/canvas/shortcuts';

/**
 * Keyboard shortcuts from the command registry. They act only on this editor, only while focus is
 * inside it (or on nothing, i.e. the page body), never in a text field or select; Mod+Z is
 * always swallowed there so the browser's document-wide undo can never run instead.
 * Holding Space over the canvas pans.
 */
export function useMaskShortcuts(
  editor: MaskEditorCore,
  rootRef: RefObject<HTMLElement | null>,
  stageRef: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const inScope = (target: EventTarget | null): boolean => {
      const root = rootRef.current;
      if (!root || isTextEntryTarget(target)) return false;
      if (target === document.body || target === document.documentElement || target === null) return true;
      return target instanceof Node && root.contains(target);
    };
    // Space presses buttons and sliders; only take it when they are not focused.
    const spaceIsFree = (target: EventTarget | null) =>
      !(target instanceof HTMLButtonElement || target instanceof HTMLInputElement);

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || !editor.getSnapshot().base) return;
      if (!inScope(event.target)) return;
      if (event.key === ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        if (!spaceIsFree(event.target)) return;
        event.preventDefault();
        editor.setPanMode(true);
        return;
      }
      // On the canvas itself: keyboard shapes (Enter, arrows, Alt+arrows) and the polygon lasso.
      if (event.target === stageRef.current && canvasKey(editor, event)) {
        event.preventDefault();
        return;
      }
      const command = commandForKey(event);
      if (!command) return;
      const enabled = command.enabled(editor.getSnapshot());
      if (enabled || command.name === 'undo' || command.name === 'redo') event.preventDefault();
      if (enabled) command.run(editor);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ') editor.setPanMode(false);
    };
    const onBlur = () => editor.setPanMode(false);

    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, [editor, rootRef, stageRef]);
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Keys that place and size a shape without a pointer. Returns whether the key was used. */
function canvasKey(editor: MaskEditorCore, event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey) return false;
  if (event.key === 'Enter') return editor.toolKey({ kind: 'enter' });
  if (event.key === 'Backspace') return editor.toolKey({ kind: 'backspace' });
  const arrow = ARROWS[event.key];
  if (!arrow || !editor.placingShape) return false;
  const step = event.shiftKey ? 10 : 1;
  return editor.toolKey({ kind: 'nudge', dx: arrow[0] * step, dy: arrow[1] * step, resize: event.altKey });
}
