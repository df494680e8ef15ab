'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { Icon } from './icons';
import { Tooltip } from './tooltip';

export interface MenuAction {
  /** Visible text; the accessible name is this and the menu's `target` ("Delete result 1"). */
  text: string;
  onSelect(): void;
  danger?: boolean;
}

/**
 * A menu button (WAI-ARIA APG pattern) for the actions used less often: Enter, Space or ↓ open it on the first item,
 * ↑ on the last; ↑ ↓ Home End move; Enter or Space choose; Esc or Tab close, focus back on the button. The menu
 * is a popover in the top layer, so a scrolling or transformed gallery card never clips it. Its items are rendered
 * only while it is open: every result tile has one, and the gallery mounts tiles as it scrolls.
 */
export function ActionMenu({ label, target, actions }: { label: string; target: string; actions: MenuAction[] }) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const [open, setOpen] = useState(false);
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  function show(focus: 'first' | 'last') {
    const rect = button.current?.getBoundingClientRect();
    const element = menu.current;
    if (!rect || !element) return;
    // The items exist from here on, so the menu can be measured and an item focused.
    flushSync(() => setOpen(true));
    element.showPopover();
    const below = rect.bottom + 4 + element.offsetHeight < window.innerHeight;
    element.style.top = `${below ? rect.bottom + 4 : rect.top - 4 - element.offsetHeight}px`;
    element.style.left = `${Math.max(8, rect.right - element.offsetWidth)}px`;
    (focus === 'first' ? items()[0] : items().at(-1))?.focus();
  }

  function hide(refocus: boolean) {
    if (menu.current?.matches(':popover-open')) menu.current.hidePopover();
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) hide(false);
    };
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('scroll', outside, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('scroll', outside, true);
    };
  }, [open]);

  function onMenuKey(event: KeyboardEvent) {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      all[(moves[event.key]! + all.length) % all.length]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      hide(true);
    } else if (event.key === 'Tab') hide(false);
  }

  return (
    <>
      <Tooltip text={label} align="end">
        <button
          ref={button}
          type="button"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => (open ? hide(false) : show('first'))}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              show(event.key === 'ArrowDown' ? 'first' : 'last');
            }
          }}
          className="inline-flex size-7 items-center justify-center rounded-md text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 aria-expanded:bg-zinc-800"
        >
          <Icon name="more" />
          <span className="sr-only">
            {label} for {target}
          </span>
        </button>
      </Tooltip>
      <ul
        ref={menu}
        id={id}
        role="menu"
        aria-label={`${label} for ${target}`}
        popover="manual"
        onKeyDown={onMenuKey}
        className="fixed right-auto bottom-auto m-0 min-w-40 rounded-lg border border-zinc-700 bg-zinc-900 p-1 text-sm text-zinc-100 shadow-xl"
      >
        {open &&
          actions.map((action) => (
            <li key={action.text} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  hide(true);
                  action.onSelect();
                }}
                className={`w-full rounded-md px-3 py-1.5 text-left outline-none hover:bg-zinc-800 focus:bg-zinc-800 ${action.danger ? 'text-red-300' : ''}`}
              >
                {action.text}
                <span className="sr-only"> {target}</span>
              </button>
            </li>
          ))}
      </ul>
    </>
  );
}
