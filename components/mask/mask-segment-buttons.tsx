'use client';

import type { MaskEditorCore } from '@/lib/canvas/editor-core';
import { useEditorValue } from './use-editor-value';
import { useSegmentation, type SegmentTarget } from './use-segmentation';

const LABELS: Record<SegmentTarget, string> = { subject: 'Select subject', background: 'Select background' };

/** One-click selections computed on the server, with progress while the model runs. */
export function MaskSegmentButtons({ editor }: { editor: MaskEditorCore }) {
  const hasBase = useEditorValue(editor, (s) => s.base !== null);
  const { state, select } = useSegmentation(editor);
  return (
    <div className="flex flex-wrap items-center gap-1">
      {(['subject', 'background'] as const).map((target) => (
        <button
          key={target}
          type="button"
          disabled={!hasBase || state.running !== null}
          aria-busy={state.running === target}
          onClick={() => void select(target)}
          className="inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium text-zinc-100 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 disabled:cursor-not-allowed disabled:text-zinc-500"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth={1.8}
            className="size-4"
          >
            {target === 'subject' ? (
              <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0" strokeLinecap="round" />
            ) : (
              <path d="M3 17l5-6 4 4 3-3 6 5M3 5h18v14H3z" strokeLinecap="round" strokeLinejoin="round" />
            )}
          </svg>
          {LABELS[target]}
        </button>
      ))}
      {state.running ? (
        <span className="flex items-center gap-2 px-1 text-sm text-zinc-300">
          <progress
            aria-label={`${LABELS[state.running]}: ${state.stage}`}
            max={1}
            value={state.progress}
            className="h-2 w-24 overflow-hidden rounded-full [&::-moz-progress-bar]:bg-violet-400 [&::-webkit-progress-bar]:bg-zinc-700 [&::-webkit-progress-value]:bg-violet-400"
          />
          <span aria-live="polite">
            {state.stage} {Math.round(state.progress * 100)}%
          </span>
        </span>
      ) : null}
      {state.error ? (
        <span role="alert" className="px-1 text-sm text-red-300">
          {state.error}
        </span>
      ) : null}
    </div>
  );
}
