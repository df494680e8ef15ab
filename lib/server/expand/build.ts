import 'server-only';
import sharp from 'sharp';
import type { ExpandLayout } from '@/lib/expand/geometry';
import { sharedWorkLimit } from '../work-limit';

/**
 * Building a padded canvas decodes and re-encodes a whole image (a 4k one holds ~100 MB of pixels for a moment), in
 * the request that asks for it: an Expand canvas set, a batch item or an API task with a margin rule. At most two at
 * once per process and four waiting; past that the caller answers "busy" rather than piling them up.
 */
export function canvasBuildLimit() {
  return sharedWorkLimit('canvas-build', { concurrency: 2, queue: 4 });
}

/** How the new area of the padded first image is filled before the model repaints it. */
export type ExpandFill = 'edge' | 'neutral';

const NEUTRAL = { r: 128, g: 128, b: 128, alpha: 1 };

/**
 * The padded first image: the original (EXIF orientation applied, scaled only when the layout says so) at its
 * offset, the new area edge-extended (the model blends better from its own colours than from grey) or neutral.
 * PNG, so the original's pixels reach the store unchanged; the upload step re-encodes only past the byte limit.
 */
export async function buildPaddedBase(
  original: Uint8Array,
  layout: ExpandLayout,
  fill: ExpandFill = 'edge',
): Promise<Buffer> {
  let image = sharp(original, { limitInputPixels: false }).rotate();
  if (layout.scale < 1) {
    // Materialise the rotate + resize first: sharp applies extend before resize within one pipeline.
    image = sharp(await image.resize(layout.inner.width, layout.inner.height, { fit: 'fill' }).png().toBuffer());
  }
  const { canvas, inner, offset } = layout;
  return image
    .extend({
      left: offset.x,
      top: offset.y,
      right: canvas.width - inner.width - offset.x,
      bottom: canvas.height - inner.height - offset.y,
      extendWith: fill === 'edge' ? 'copy' : 'background',
      background: NEUTRAL,
    })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/**
 * The matching mask at the canvas size: alpha 0 over the whole new area, and inside the original's rectangle the
 * user's painted mask as it is (alpha 0 where painted), or opaque when nothing was painted.
 */
export async function buildExpandedMask(painted: Uint8Array | null, layout: ExpandLayout): Promise<Buffer> {
  const { canvas, inner, offset } = layout;
  const inside = painted
    ? await sharp(painted)
        .ensureAlpha()
        // Nearest keeps a hard mask hard when the canvas had to be scaled; at scale 1 this is a no-op.
        .resize(inner.width, inner.height, { fit: 'fill', kernel: 'nearest' })
        .png()
        .toBuffer()
    : await sharp({
        create: { width: inner.width, height: inner.height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } },
      })
        .png()
        .toBuffer();
  return sharp({
    create: { width: canvas.width, height: canvas.height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([{ input: inside, left: offset.x, top: offset.y, blend: 'source' }])
    .png({ compressionLevel: 9 })
    .toBuffer();
}
