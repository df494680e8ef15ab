'use client';

import { Icon } from './icons';
import { Tooltip } from './tooltip';
import { nextZoom, type Zoom } from './use-stage-scale';

const button =
  'inline-flex h-8 min-w-8 items-center justify-center rounded-md px-2 text-sm font-medium text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 disabled:opacity-40 aria-pressed:bg-zinc-700 aria-pressed:text-white';

/** Zoom out / Fit / 100 % / Zoom in, and the scale shown now (image pixels per screen pixel). */
export function ZoomControls({ zoom, screen, onZoom }: { zoom: Zoom; screen: number; onZoom(zoom: Zoom): void }) {
  return (
    <div role="group" aria-label="Zoom" className="flex items-center gap-0.5">
      <Tooltip text="Zoom out">
        <button
          type="button"
          className={button}
          disabled={screen <= 0.125}
          onClick={() => onZoom(nextZoom(screen, -1))}
        >
          <Icon name="zoomOut" />
          <span className="sr-only">Zoom out</span>
        </button>
      </Tooltip>
      <span className="w-12 text-center text-xs tabular-nums text-zinc-300" aria-live="polite">
        {Math.round(screen * 100)} %
      </span>
      <Tooltip text="Zoom in">
        <button type="button" className={button} disabled={screen >= 8} onClick={() => onZoom(nextZoom(screen, 1))}>
          <Icon name="zoomIn" />
          <span className="sr-only">Zoom in</span>
        </button>
      </Tooltip>
      <Tooltip text="Fit the window" shortcut="0" align="end">
        <button type="button" className={button} aria-pressed={zoom === 'fit'} onClick={() => onZoom('fit')}>
          Fit
        </button>
      </Tooltip>
      <Tooltip text="One image pixel per screen pixel" shortcut="1" align="end">
        <button type="button" className={button} aria-pressed={zoom === 1} onClick={() => onZoom(1)}>
          100 %
        </button>
      </Tooltip>
    </div>
  );
}
