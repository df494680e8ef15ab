'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { maskCommands } from '@/lib/canvas/commands';
import type { MaskEditorCore } from '@/lib/canvas/editor-core';
import { MASK_GESTURES } from '@/lib/canvas/help';
import { formatShortcut } from '@/lib/canvas/shortcuts';
import { useEditorValue } from './use-editor-value';

const subscribeNothing = () => () => {};
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The `?` sheet: every shortcut, generated from the same registry the buttons and keys use. */
export function ShortcutSheet({ editor }: { editor: MaskEditorCore }) {
  const open = useEditorValue(editor, (s) => s.shortcutSheet);
  const apple = useSyncExternalStore(subscribeNothing, isApple, () => false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="mask-shortcuts-title"
      onClose={() => editor.setShortcutSheet(false)}
      className="m-auto max-h-[85vh] w-[min(40rem,92vw)] overflow-y-auto rounded-xl border border-zinc-800 bg-zinc-900 p-5 text-sm text-zinc-100 backdrop:bg-black/60"
    >
      <div className="mb-3 flex items-center justify-between">
        <h2 id="mask-shortcuts-title" className="text-base font-semibold">
          Mask editor shortcuts
        </h2>
        <button
          type="button"
          onClick={() => editor.setShortcutSheet(false)}
          className="h-9 rounded-lg px-3 font-medium hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-violet-400"
        >
          Close
        </button>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1.5">
        {maskCommands.map((command) => (
          <Row
            key={command.name}
            keys={[command.shortcut, ...(command.aliases ?? [])]
              .filter((s): s is string => s !== null)
              .map((s) => formatShortcut(s, apple))
              .join(', ')}
            what={command.label}
          />
        ))}
        {MASK_GESTURES.map(([keys, what]) => (
          <Row key={keys} keys={keys} what={what} />
        ))}
      </dl>
    </dialog>
  );
}

function Row({ keys, what }: { keys: string; what: string }) {
  return (
    <>
      <dt className="font-mono text-xs leading-6 text-violet-300">{keys}</dt>
      <dd className="text-zinc-300">{what}</dd>
    </>
  );
}
