'use client';

import { useId, type ReactNode } from 'react';
import { useStudio, useStudioStore } from '@/components/studio/use-studio';

interface CollapsibleMaskEditorProps {
  /** The mask editor. It stays mounted while collapsed, so nothing painted is lost. */
  children: ReactNode;
}

export function CollapsibleMaskEditor({ children }: CollapsibleMaskEditorProps) {
  const id = useId();
  const store = useStudioStore();
  // Blending sends no mask, so the editor is folded away there; it can always be opened again.
  const collapsible = useStudio((state) => state.startPoint === 'blend');
  const open = useStudio((state) => state.maskOpen);
  // A hint over the canvas: inpainting, before the first stroke.
  const hint = useStudio((state) =>
    state.startPoint === 'inpaint' && state.references.length > 0 && !state.maskPainted
      ? 'Paint over what should change: the brush is ready'
      : null,
  );
  const expanded = open || !collapsible;
  return (
    <>
      {collapsible && (
        <div
          className={`flex items-center gap-3 ${expanded ? '' : 'flex-1 flex-col justify-center rounded-xl border border-dashed border-zinc-800 bg-zinc-900/60 p-6 text-center'}`}
        >
          {!expanded && (
            <p className="text-sm text-zinc-400">Blending sends no mask, so the mask editor is folded away.</p>
          )}
          <button
            type="button"
            aria-expanded={expanded}
            aria-controls={`${id}-editor`}
            onClick={() => store.setMaskOpen(!expanded)}
            className="rounded-lg bg-zinc-800 px-3 py-1.5 text-sm font-medium text-zinc-100 hover:bg-zinc-700"
          >
            {expanded ? 'Hide mask editor' : 'Show mask editor'}
          </button>
        </div>
      )}
      <div id={`${id}-editor`} hidden={!expanded} className="relative flex min-h-0 flex-1 flex-col">
        {children}
        {hint && (
          <p
            role="status"
            className="pointer-events-none absolute left-1/2 top-1/2 -translate-x-1/2 rounded-full bg-zinc-950/85 px-4 py-2 text-sm font-medium text-violet-100 shadow-lg ring-1 ring-violet-400/60"
          >
            {hint}
          </p>
        )}
      </div>
    </>
  );
}
