'use client';

import { useEffect, useRef, useState } from 'react';

/** Pixels whose summed channel difference exceeds this count as changed (JPEG noise stays under it). */
const THRESHOLD = 36;
/** The difference is computed at most this many pixels on the long side: enough to see, quick on 4k results. */
const MAX_SIDE = 1024;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`Could not load ${url}`));
    image.src = url;
  });
}

/**
 * The difference between the base (scaled to the result's frame, as the engine does) and a result: unchanged
 * pixels dimmed to grey, changed ones in bright magenta, and the share that changed.
 */
export function DifferenceView({ baseUrl, resultUrl, width, height, label }: { baseUrl: string; resultUrl: string; width: number; height: number; label: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [changed, setChanged] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    void Promise.all([loadImage(baseUrl), loadImage(resultUrl)]).then(([base, result]) => {
      const canvas = canvasRef.current;
      if (cancelled || !canvas) return;
      const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
      const w = Math.max(1, Math.round(width * scale));
      const h = Math.max(1, Math.round(height * scale));
      canvas.width = w;
      canvas.height = h;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) return;
      context.drawImage(base, 0, 0, w, h);
      const before = context.getImageData(0, 0, w, h).data;
      context.drawImage(result, 0, 0, w, h);
      const after = context.getImageData(0, 0, w, h);
      const out = after.data;
      let count = 0;
      for (let i = 0; i < out.length; i += 4) {
        const delta = Math.abs(out[i]! - before[i]!) + Math.abs(out[i + 1]! - before[i + 1]!) + Math.abs(out[i + 2]! - before[i + 2]!);
        if (delta > THRESHOLD) {
          count++;
          out[i] = 255;
          out[i + 1] = 0;
          out[i + 2] = 200;
        } else {
          const grey = (out[i]! * 0.3 + out[i + 1]! * 0.59 + out[i + 2]! * 0.11) * 0.35;
          out[i] = out[i + 1] = out[i + 2] = grey;
        }
      }
      context.putImageData(after, 0, 0);
      setChanged(count / (w * h));
    });
    return () => {
      cancelled = true;
    };
  }, [baseUrl, resultUrl, width, height]);

  const share = changed === null ? 'computing…' : `${(changed * 100).toFixed(1)} % of pixels changed`;
  return (
    <figure className="flex h-full min-h-0 flex-col items-center gap-2">
      <canvas ref={canvasRef} role="img" aria-label={`Difference between the base and ${label}: ${share}`} className="min-h-0 w-auto max-w-full flex-1 object-contain" />
      <figcaption className="shrink-0 text-xs text-zinc-300">
        <span className="mr-1 inline-block size-2.5 rounded-sm bg-[#ff00c8] align-middle" aria-hidden="true" /> Changed pixels · {share}
      </figcaption>
    </figure>
  );
}
