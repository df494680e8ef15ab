'use client';

import { useEffect, useRef } from 'react';
import { compareImages, differencePicture, type Pixels } from '@/lib/images/difference';

interface DifferenceViewProps {
  beforeUrl: string;
  afterUrl: string;
  label: string;
  /** The share changed (0–1) once computed; null while computing; NaN when the images could not be read. */
  share: number | null;
  onShare(share: number | null): void;
}

/** The share as the view says it. */
export function describeShare(share: number | null): string {
  if (share === null) return 'computing…';
  if (Number.isNaN(share)) return 'the images could not be read';
  return `${(share * 100).toFixed(1)} % of pixels changed`;
}

async function decode(url: string): Promise<Pixels> {
  const image = new Image();
  image.src = url;
  await image.decode();
  // Full size, untouched by the browser's resampling: the comparison does its own, the same on both sides.
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('No 2D canvas');
  context.drawImage(image, 0, 0);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

/**
 * Where `after` differs from `before` (lib/images/difference: one scale, one filter, a bar above resampling noise):
 * unchanged pixels dim grey, changed ones magenta. Fills the stage's image box; reports the share changed.
 */
export function DifferenceView({ beforeUrl, afterUrl, label, share, onShare }: DifferenceViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let cancelled = false;
    onShare(null);
    void Promise.all([decode(beforeUrl), decode(afterUrl)])
      .then(([before, after]) => {
        const canvas = canvasRef.current;
        if (cancelled || !canvas) return;
        const difference = compareImages(before, after);
        canvas.width = difference.width;
        canvas.height = difference.height;
        canvas
          .getContext('2d')
          ?.putImageData(new ImageData(differencePicture(difference), difference.width, difference.height), 0, 0);
        onShare(difference.share);
      })
      .catch(() => !cancelled && onShare(Number.NaN));
    return () => {
      cancelled = true;
    };
  }, [beforeUrl, afterUrl, onShare]);

  return (
    <canvas
      ref={canvasRef}
      role="img"
      aria-label={`${label}: ${describeShare(share)}`}
      className="absolute inset-0 size-full bg-zinc-900"
    />
  );
}
