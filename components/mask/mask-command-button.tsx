'use client';

import { useSyncExternalStore } from 'react';
import { getMaskCommand, type MaskCommandName } from '@/lib/canvas/commands';
import type { MaskEditor } from '@/lib/canvas/mask-editor';
import { ariaKeyShortcuts, formatShortcut } from '@/lib/canvas/shortcuts';
import { MaskIcon } from './mask-icons';
import { useEditorValue } from './use-editor-value';

const subscribeNothing = () => () => {};
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** A toolbar button for one registry command: label, shortcut, enabled and pressed state all come from it. */
export function MaskCommandButton({
  editor,
  name,
  compact = false,
}: {
  editor: MaskEditor;
  name: MaskCommandName;
  /** Icon only; the label stays the accessible name and the tooltip. */
  compact?: boolean;
}) {
  const command = getMaskCommand(name);
  const enabled = useEditorValue(editor, command.enabled);
  const pressed = useEditorValue(editor, (s) => command.pressed?.(s));
  const apple = useSyncExternalStore(subscribeNothing, isApple, () => false);
  const hint = command.shortcut ? formatShortcut(command.shortcut, apple) : null;

  return (
    <button
      type="button"
      disabled={!enabled}
      aria-pressed={pressed}
      aria-label={compact ? command.label : undefined}
      aria-keyshortcuts={command.shortcut ? ariaKeyShortcuts(command.shortcut) : undefined}
      title={hint ? `${command.label} (${hint})` : command.label}
      onClick={() => editor.runCommand(name)}
      className={[
        'inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium text-zinc-100 transition-colors',
        'hover:bg-zinc-800 disabled:cursor-not-allowed disabled:text-zinc-500 disabled:hover:bg-transparent',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400',
        compact ? 'w-9 justify-center px-0' : '',
        pressed && enabled ? 'bg-violet-600/20 ring-1 ring-violet-500 ring-inset hover:bg-violet-600/30' : '',
      ].join(' ')}
    >
      <MaskIcon name={name} />
      {compact ? null : <span>{command.label}</span>}
    </button>
  );
}
