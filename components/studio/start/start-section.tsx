'use client';

import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { presetsQuery } from '@/components/studio/preset-picker';
import { useStudioStore } from '@/components/studio/use-studio';
import { OFFLINE_WORK_SHORT, offlineWorkForStartPoint } from '@/lib/jobs/offline-work';
import { START_POINTS, START_POINT_INFO, type StartPoint } from '@/lib/jobs/start-points';
import type { EngineKind } from '@/lib/jobs/types';
import { StartIllustration } from './start-illustrations';

interface StartSectionProps {
  /** On the offline engine each card also says what that engine will do instead (it cannot restyle, for one). */
  engine: EngineKind;
}

const cardClass =
  'flex h-full w-full flex-col items-start gap-1.5 rounded-xl border border-zinc-800 bg-zinc-900 p-3 text-left hover:border-violet-400/70 hover:bg-zinc-800/70';

/**
 * The ways in, shown on an empty studio and after New edit: the API's three modes and plain generation, one click
 * each, with the team's saved presets beside them. Choosing sets the form up; nothing is hidden or sent.
 */
export function StartSection({ engine }: StartSectionProps) {
  const id = useId();
  const store = useStudioStore();
  const { data: presets = [] } = useQuery(presetsQuery);

  function choose(point: StartPoint) {
    store.chooseStartPoint(point);
    // The Start section goes away; the keyboard lands where the mode begins.
    const target = point === 'text' ? '[data-studio-prompt]' : '[data-testid="reference-drop-zone"] input';
    requestAnimationFrame(() => document.querySelector<HTMLElement>(target)?.focus());
  }

  return (
    <section aria-labelledby={`${id}-heading`} data-start-section className="flex flex-col gap-3">
      <div>
        <h2 id={`${id}-heading`} className="text-sm font-semibold text-zinc-100">
          Start
        </h2>
        <p className="text-xs text-zinc-400">Pick a way in; every option stays yours to change.</p>
      </div>
      <ul className="grid grid-cols-2 gap-2">
        {START_POINTS.map((point) => (
          <li key={point}>
            <button type="button" className={cardClass} onClick={() => choose(point)}>
              <StartIllustration point={point} />
              <span className="text-sm font-semibold text-zinc-100">{START_POINT_INFO[point].label}</span>
              {/* Part of the button's name on purpose: the visible text is the name (WCAG 2.5.3, label in name). */}
              <span className="text-xs leading-snug text-zinc-400">{START_POINT_INFO[point].summary}</span>
              {engine === 'offline' && (
                <span className="text-xs leading-snug text-amber-200">
                  Offline engine: {OFFLINE_WORK_SHORT[offlineWorkForStartPoint(point)]}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {presets.length > 0 && (
        <div>
          <h3 id={`${id}-presets`} className="mb-1.5 text-xs font-medium text-zinc-300">
            Team presets
          </h3>
          <ul aria-labelledby={`${id}-presets`} className="flex flex-wrap gap-1.5">
            {presets.map((preset) => (
              <li key={preset.id}>
                <button
                  type="button"
                  onClick={() =>
                    store.applyPreset(preset.options, preset.promptPrefix ? `${preset.promptPrefix} ` : '')
                  }
                  className="rounded-full border border-zinc-700 bg-zinc-900 px-3 py-1 text-xs font-medium text-zinc-100 hover:border-violet-400/70"
                >
                  {preset.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
