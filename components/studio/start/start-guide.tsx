'use client';

import { useId } from 'react';
import { FOUR_K_RATIOS, MAX_REFERENCES, nearestRatio, type GenerationOptions } from '@/lib/jobs/options';
import { OFFLINE_WORK_TEXT, offlineWork, offlineWorkForStartPoint } from '@/lib/jobs/offline-work';
import { START_POINT_INFO, type StartPoint } from '@/lib/jobs/start-points';
import type { EngineKind } from '@/lib/jobs/types';
import { useBase, useStudio, useStudioStore } from '@/components/studio/use-studio';
import { StartIllustration } from './start-illustrations';

interface ModeNoteProps {
  startPoint: StartPoint;
  base: { width: number; height: number } | null;
  referenceCount: number;
  options: GenerationOptions;
}

/**
 * The chosen start point, kept in view while editing: what the mode needs, its example prompts (they only fill the
 * prompt field; Generate is still the user's), and New edit to go back to the Start section.
 */
export function StartGuide({ engine }: { engine: EngineKind }) {
  const id = useId();
  const store = useStudioStore();
  const startPoint = useStudio((state) => state.startPoint);
  // Whether anything is painted on the base: with no start point chosen, that names the mode.
  const maskPainted = useStudio((state) => state.maskPainted);
  const referenceCount = useStudio((state) => state.references.length);
  const options = useStudio((state) => state.options);
  const base = useBase();
  const info = startPoint ? START_POINT_INFO[startPoint] : null;
  // What the offline engine will make of it: what is in the studio now, or, before any image, what the mode implies.
  // Inpainting means a mask even before the first stroke.
  const work =
    referenceCount > 0 || !startPoint
      ? offlineWork({ references: referenceCount, mask: maskPainted || startPoint === 'inpaint' })
      : offlineWorkForStartPoint(startPoint);
  return (
    <div className="flex flex-col gap-2 rounded-xl border border-zinc-800 bg-zinc-900 p-3">
      <div className="flex items-center gap-2">
        {startPoint && <StartIllustration point={startPoint} />}
        <p className="min-w-0 flex-1 text-sm text-zinc-300">
          {info ? (
            <>
              Start point: <span className="font-semibold text-zinc-100">{info.label}</span>
            </>
          ) : (
            <>
              Free editing: <span className="font-semibold text-zinc-100">{freeMode(referenceCount, maskPainted)}</span>
            </>
          )}
        </p>
        <button
          type="button"
          onClick={() => store.newEdit()}
          className="rounded-lg bg-zinc-800 px-3 py-1.5 text-xs font-medium text-zinc-100 hover:bg-zinc-700"
        >
          New edit
        </button>
      </div>
      {startPoint ? (
        <ModeNote startPoint={startPoint} base={base} referenceCount={referenceCount} options={options} />
      ) : (
        <p className="text-xs text-zinc-400">
          No start point chosen: the edit follows what you add. Paint on the base to change only that area; add more
          images to blend them in.
        </p>
      )}
      {engine === 'offline' && <p className="text-xs text-amber-200">Offline engine: {OFFLINE_WORK_TEXT[work]}.</p>}
      {info && (
        <div>
          <h3 id={`${id}-examples`} className="mb-1 text-xs font-medium text-zinc-300">
            Example prompts
          </h3>
          <ul aria-labelledby={`${id}-examples`} className="flex flex-col gap-1">
            {info.examples.map((example) => (
              <li key={example}>
                <button
                  type="button"
                  onClick={() => {
                    store.setPrompt(example);
                    document.querySelector<HTMLElement>('[data-studio-prompt]')?.focus();
                  }}
                  className="w-full rounded-md px-2 py-1 text-left text-xs text-violet-200 hover:bg-zinc-800"
                >
                  “{example}”
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Without a chosen start point, the mode is named by what the studio holds: the same rule the request follows. */
function freeMode(referenceCount: number, maskPainted: boolean): string {
  if (referenceCount === 0) return 'generate from the prompt';
  if (maskPainted) return referenceCount > 1 ? 'inpaint the painted area with references' : 'inpaint the painted area';
  return referenceCount > 1 ? `blend ${referenceCount} images` : 'edit the whole image';
}

/** What the mode needs, in one or two lines, updated as references arrive. */
function ModeNote({ startPoint, base, referenceCount, options }: ModeNoteProps) {
  const text = 'text-xs text-zinc-400';
  switch (startPoint) {
    case 'blend':
      return (
        <p className={text}>
          Add 2–{MAX_REFERENCES} images ({referenceCount} added): the first is the base, the rest are blended in. No
          mask is sent.
        </p>
      );
    case 'inpaint':
      return <p className={text}>One base: paint the area to change on it, then describe only that area.</p>;
    case 'text':
      return <p className={text}>No images: the prompt alone describes the picture.</p>;
    case 'style': {
      const own = base ? nearestRatio(base.width, base.height) : null;
      return (
        <div className={`${text} flex flex-col gap-1`} aria-live="polite">
          <p>
            {own === null
              ? 'Add the one image to restyle; the ratio follows it.'
              : own === options.size
                ? `Your ${own} base renders at 4k as it is.`
                : `4k exists only for ${FOUR_K_RATIOS.join(', ')}: your ${own} base is set to ${options.size}, the nearest.`}
          </p>
          <p className="text-amber-200">4k at high quality can take more than two minutes.</p>
        </div>
      );
    }
  }
}
