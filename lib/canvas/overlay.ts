import type { PixelRect } from '@/lib/mask/rasterize';
import type { OverlayPattern } from './editor-types';

/**
 * How the committed mask is shown: one bitmap (the image size, or a downscaled proxy for large
 * bases) coloured where the mask says "repaint". Display only — the exported PNG comes from the
 * mask model, never from these pixels. Colour, opacity and a pattern are the user's: stripes or
 * dots keep the mask readable for colour-blind users and over images of the overlay's own colour.
 */

export const DEFAULT_OVERLAY = Object.freeze({
  color: '#d946ef', // fuchsia-500: rare in photos, distinct from the violet UI accent
  opacity: 0.55,
  pattern: 'solid' as OverlayPattern,
});

/** Colours offered in the overlay menu (name → hex). */
export const OVERLAY_COLORS: readonly { name: string; hex: string }[] = [
  { name: 'Magenta', hex: '#d946ef' },
  { name: 'Red', hex: '#ef4444' },
  { name: 'Yellow', hex: '#facc15' },
  { name: 'Cyan', hex: '#22d3ee' },
  { name: 'Green', hex: '#22c55e' },
  { name: 'White', hex: '#ffffff' },
];

/** Stripe / dot period in overlay pixels. */
const PERIOD = 8;
/** Share of the repaint alpha kept between stripes / dots, so soft edges still read. */
const GAP = 0.3;

export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export interface OverlayTarget {
  /** RGBA bytes of the overlay bitmap (ImageData.data), `width × height × 4`. */
  readonly data: Uint8ClampedArray | Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Writes overlay pixels for `rect` (mask pixels; the whole mask when omitted) into `target`,
 * which may be smaller than the mask (a proxy): each overlay pixel samples the mask at its centre.
 * Alpha of a pixel = repaint amount (255 − mask alpha), modulated by the pattern.
 */
export function writeOverlay(
  alpha: Uint8Array,
  maskWidth: number,
  maskHeight: number,
  target: OverlayTarget,
  style: { color: string; pattern: OverlayPattern },
  rect?: PixelRect | null,
): void {
  const { data, width, height } = target;
  if (data.length !== width * height * 4) throw new RangeError('overlay target has the wrong byte length');
  const sx = maskWidth / width;
  const sy = maskHeight / height;
  const r = rect ?? { x0: 0, y0: 0, x1: maskWidth, y1: maskHeight };
  const ox0 = Math.max(0, Math.floor(r.x0 / sx));
  const oy0 = Math.max(0, Math.floor(r.y0 / sy));
  const ox1 = Math.min(width, Math.ceil(r.x1 / sx));
  const oy1 = Math.min(height, Math.ceil(r.y1 / sy));
  const [red, green, blue] = hexToRgb(style.color);
  const pattern = style.pattern;
  for (let y = oy0; y < oy1; y++) {
    const my = Math.min(maskHeight - 1, Math.floor((y + 0.5) * sy));
    const row = my * maskWidth;
    for (let x = ox0; x < ox1; x++) {
      const mx = Math.min(maskWidth - 1, Math.floor((x + 0.5) * sx));
      let repaint = 255 - alpha[row + mx]!;
      const j = (y * width + x) * 4;
      if (repaint === 0) {
        data[j] = data[j + 1] = data[j + 2] = data[j + 3] = 0;
        continue;
      }
      if (pattern !== 'solid' && !onPattern(pattern, x, y)) repaint = Math.round(repaint * GAP);
      data[j] = red;
      data[j + 1] = green;
      data[j + 2] = blue;
      data[j + 3] = repaint;
    }
  }
}

function onPattern(pattern: OverlayPattern, x: number, y: number): boolean {
  if (pattern === 'stripes') return (x + y) % PERIOD < PERIOD / 2;
  const dx = (x % PERIOD) - PERIOD / 2 + 0.5;
  const dy = (y % PERIOD) - PERIOD / 2 + 0.5;
  return dx * dx + dy * dy <= (PERIOD * PERIOD) / 8;
}

/** The overlay/proxy size for a mask: at most `maxSide` on the longer side (never upscaled). */
export function proxySize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
