/**
 * OpenCV.js Telea / Navier–Stokes inpainting: the foundation's fill, kept beside the engine benchmark as the
 * baseline it compares the exemplar engine against. The engine itself does not use it.
 *
 * `cv.inpaint` is synchronous and costs about 2 µs per hole pixel (measured: 0.8 s for the coffee cup at
 * 1536×1024, 3.3 s at 3840×2160), which would stall the server's event loop. So it only ever sees the hole's
 * bounding box, scaled down until the hole has at most `MAX_HOLE_PIXELS` pixels (~0.1 s), and the filled patch is
 * scaled back up with sharp (async). Telea's fill of a large hole is a smooth blur anyway, so little is lost.
 */
import { resizeRaw, type RawImage } from '@/lib/engine/pipeline/raw-image';
import { compositeInto, crop, holeBox } from '@/lib/engine/pipeline/region';
import { loadOpenCv } from './opencv';

const MAX_HOLE_PIXELS = 60_000;

interface InpaintVariant {
  method: 'telea' | 'ns';
  radius: number;
}

/**
 * Fill where `alpha` < 255 and blend: out = base·a/255 + filled·(1 − a/255). Pixels with a = 255 are copied
 * from `base` unchanged. `base` is RGB, `alpha` one channel of the same size.
 */
export async function teleaInpaint(
  base: RawImage,
  alpha: RawImage,
  variant: InpaintVariant,
  maxHolePixels = MAX_HOLE_PIXELS,
): Promise<RawImage> {
  if (base.channels !== 3 || alpha.channels !== 1 || base.width !== alpha.width || base.height !== alpha.height) {
    throw new Error('inpaintMasked: base must be RGB and alpha one channel of the same size');
  }
  const found = holeBox(alpha, variant.radius * 3 + 2);
  const out: RawImage = { ...base, data: Buffer.from(base.data) };
  if (!found) return out;
  const { box, holes } = found;

  let patch = crop(base, box);
  let patchMask = holeMask(crop(alpha, box));
  const scale = Math.min(1, Math.sqrt(maxHolePixels / holes));
  if (scale < 1) {
    const small = {
      width: Math.max(1, Math.round(box.width * scale)),
      height: Math.max(1, Math.round(box.height * scale)),
    };
    patch = await resizeRaw(patch, small);
    // Any pixel touched by the hole counts as hole: a downscaled edge pixel carries colour from inside it.
    patchMask = binarise(await resizeRaw(patchMask, small));
  }

  let filled = await runInpaint(patch, patchMask, variant);
  if (scale < 1) filled = await resizeRaw(filled, { width: box.width, height: box.height });

  compositeInto(out, filled, alpha, box);
  return out;
}

async function runInpaint(patch: RawImage, mask: RawImage, variant: InpaintVariant): Promise<RawImage> {
  const { cv } = await loadOpenCv();
  const src = new cv.Mat(patch.height, patch.width, cv.CV_8UC3);
  const holes = new cv.Mat(mask.height, mask.width, cv.CV_8UC1);
  const dst = new cv.Mat();
  try {
    src.data.set(patch.data);
    holes.data.set(mask.data);
    const flags = variant.method === 'ns' ? cv.INPAINT_NS : cv.INPAINT_TELEA;
    cv.inpaint(src, holes, dst, variant.radius, flags);
    return { data: Buffer.from(dst.data), width: patch.width, height: patch.height, channels: 3 };
  } finally {
    src.delete();
    holes.delete();
    dst.delete();
  }
}

/** 255 where the mask wants repainting (alpha < 255), 0 elsewhere: OpenCV's "non-zero = fill" convention. */
function holeMask(alpha: RawImage): RawImage {
  const data = Buffer.alloc(alpha.data.length);
  for (let i = 0; i < data.length; i++) data[i] = (alpha.data[i] ?? 255) < 255 ? 255 : 0;
  return { ...alpha, data };
}

function binarise(mask: RawImage): RawImage {
  const data = Buffer.alloc(mask.data.length);
  for (let i = 0; i < data.length; i++) data[i] = (mask.data[i] ?? 0) > 0 ? 255 : 0;
  return { ...mask, data };
}
