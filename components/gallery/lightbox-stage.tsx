'use client';

import { useRef } from 'react';
import { CompareView } from './compare-view';
import type { CompareChoice } from './compare-picker';
import { DifferenceView } from './difference-view';
import type { LightboxItem } from './lightbox-item';
import { useStageScale, type Zoom } from './use-stage-scale';

export type Mode = 'result' | 'compare' | 'difference';

interface LightboxStageProps {
  shown: LightboxItem;
  mode: Mode;
  zoom: Zoom;
  other: CompareChoice | null;
  split: number;
  onSplit(split: number): void;
  holding: boolean;
  share: number | null;
  onShare(share: number | null): void;
  /** Reports the scale shown (image pixels per screen pixel) for the zoom readout. */
  children(scale: { screen: number }): React.ReactNode;
}

/**
 * The image area. One box, sized from the shown image and the zoom, holds every mode (the image, the compare
 * divider, the difference), so switching mode never moves the picture; when zoomed the stage scrolls.
 */
export function LightboxStage({
  shown,
  mode,
  zoom,
  other,
  split,
  onSplit,
  holding,
  share,
  onShare,
  children,
}: LightboxStageProps) {
  const stage = useRef<HTMLDivElement>(null);
  const { asset } = shown;
  const scale = useStageScale(stage, asset, zoom);
  const width = Math.max(1, Math.round(asset.width * scale.css));
  const height = Math.max(1, Math.round(asset.height * scale.css));
  const subject = { asset, label: `${shown.label}: ${shown.prompt || asset.filename}` };

  return (
    <>
      <div
        ref={stage}
        className="relative grid min-h-0 flex-1 overflow-auto rounded-lg bg-[repeating-conic-gradient(#18181b_0%_25%,#111113_0%_50%)] bg-[length:24px_24px]"
      >
        {scale.ready && (
          <div className="relative m-auto shrink-0" style={{ width, height }}>
            {mode === 'compare' && other ? (
              <CompareView other={other} subject={subject} split={split} onSplit={onSplit} holding={holding} />
            ) : mode === 'difference' && other ? (
              <DifferenceView
                beforeUrl={other.asset.url}
                afterUrl={asset.url}
                label={`Difference between ${other.label.startsWith('Base:') ? 'the base' : other.label} and ${shown.short}`}
                share={share}
                onShare={onShare}
              />
            ) : (
              // eslint-disable-next-line @next/next/no-img-element -- the original, from our own route
              <img src={asset.url} alt={subject.label} className="absolute inset-0 size-full" />
            )}
          </div>
        )}
      </div>
      {children({ screen: scale.screen })}
    </>
  );
}
