'use client';

import { useSyncExternalStore } from 'react';
import { getMaskCommand, runMaskCommand, type MaskCommandName } from '@/lib/canvas/commands';
import type { MaskEditorCore } from '@/lib/canvas/editor-core';
import { ariaKeyShortcuts, formatShortcut } from '@/lib/canvas/shortcuts';
import { MaskIcon } from './mask-icons';
import { ToolTip } from './tool-tip';
import { useEditorValue } from './use-editor-value';

const subscribeNothing = () => () => {};
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** A toolbar button for one registry command: label, shortcut, enabled and pressed state all come from it. */
export function MaskCommandButton({
  editor,
  name,
  compact = false,
  tipSide = 'below',
  tipAlign = 'start',
}: {
  editor: MaskEditorCore;
  name: MaskCommandName;
  /** Icon only; the label stays the accessible name and shows, with the shortcut, in a tooltip. */
  compact?: boolean;
  /** Where the compact button's tooltip opens: above for the status row at the editor's foot. */
  tipSide?: 'above' | 'below';
  /** end for buttons at the editor's right edge, so the tooltip stays inside it. */
  tipAlign?: 'start' | 'end';
}) {
  const command = getMaskCommand(name);
  const enabled = useEditorValue(editor, command.enabled);
  const pressed = useEditorValue(editor, (s) => command.pressed?.(s));
  const apple = useSyncExternalStore(subscribeNothing, isApple, () => false);
  const hint = command.shortcut ? formatShortcut(command.shortcut, apple) : null;
  const active = pressed && enabled;

  return (
    <button
      type="button"
      disabled={!enabled}
      aria-pressed={pressed}
      aria-label={compact ? command.label : undefined}
      aria-keyshortcuts={command.shortcut ? ariaKeyShortcuts(command.shortcut) : undefined}
      // The compact button shows its own tooltip at once, on hover and on keyboard focus; a native one would double it.
      title={compact ? undefined : hint ? `${command.label} (${hint})` : command.label}
      onClick={() => runMaskCommand(editor, name)}
      className={[
        'group relative inline-flex h-9 shrink-0 items-center whitespace-nowrap gap-1.5 rounded-lg px-2.5 text-sm font-medium transition-colors',
        'disabled:cursor-not-allowed disabled:text-zinc-500 disabled:hover:bg-transparent',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400',
        compact ? 'w-9 justify-center px-0' : '',
        // The active tool is filled, not outlined: it must read at a glance among eleven icons.
        active
          ? 'bg-violet-600 text-white shadow-inner shadow-violet-950 hover:bg-violet-500'
          : 'text-zinc-100 hover:bg-zinc-800',
      ].join(' ')}
    >
      <MaskIcon name={name} />
      {compact ? (
        <ToolTip label={command.label} shortcut={hint} side={tipSide} align={tipAlign} />
      ) : (
        <span>{command.label}</span>
      )}
    </button>
  );
}
