import 'server-only';
import sharp from 'sharp';
import { selectionAlpha, shapeAlpha, type MaskRule } from '@/lib/batches/mask-rule';
import { marginLayout } from '@/lib/expand/geometry';
import { encodeMaskPng, hasRepaintArea } from '@/lib/mask/png';
import { buildExpandedMask, buildPaddedBase, canvasBuildLimit } from '../expand/build';
import type { AssetRow } from '../storage/schema';
import { getSegmenter, segmentationLimit } from '../segmentation';
import { blobStore } from '../storage/blobs';

export type ItemMask =
  /** `base`: the image the task starts from instead of the original (a margin rule's padded canvas). */
  | { kind: 'mask'; png: Uint8Array | null; base?: Uint8Array }
  /** The segmentation model or the canvas builder is busy (studio work comes first): try again later. */
  | { kind: 'busy' }
  | { kind: 'refused'; message: string };

/**
 * One image's mask by the recipe's rule, at the image's displayed size (EXIF applied), as `submitJob` checks it.
 * Segmentation takes its turn in the same bounded queue as the studio's Select subject, and never waits in it: a
 * batch must not hold a studio user's selection behind 500 of its own.
 */
export async function itemMask(rule: MaskRule, image: AssetRow, recipeMask: AssetRow | null): Promise<ItemMask> {
  const { width, height } = image;
  switch (rule.kind) {
    case 'none':
      return { kind: 'mask', png: null };
    case 'rect':
    case 'ellipse':
      return { kind: 'mask', png: encodeMaskPng(width, height, shapeAlpha(rule, width, height)) };
    case 'margin': {
      // Expand canvas, as the studio builds it: the original edge-extended into the margins, which are repainted.
      const release = await canvasBuildLimit().acquire();
      if (!release) return { kind: 'busy' };
      try {
        const layout = marginLayout(image, rule);
        const [base, mask] = await Promise.all([
          blobStore()
            .read(image.sha256)
            .then((original) => buildPaddedBase(original, layout, 'edge')),
          buildExpandedMask(null, layout),
        ]);
        return { kind: 'mask', png: new Uint8Array(mask), base: new Uint8Array(base) };
      } finally {
        release();
      }
    }
    case 'current': {
      if (!recipeMask) return { kind: 'refused', message: 'The recipe’s painted mask is no longer stored.' };
      const png = await sharp(await blobStore().read(recipeMask.sha256))
        .resize(width, height, { fit: 'fill' })
        .ensureAlpha()
        .png()
        .toBuffer();
      return { kind: 'mask', png: new Uint8Array(png) };
    }
    case 'subject':
    case 'background': {
      const limit = segmentationLimit();
      const load = limit.load();
      if (load.running + load.waiting > 0) return { kind: 'busy' };
      const release = await limit.acquire();
      if (!release) return { kind: 'busy' };
      try {
        const selection = await getSegmenter().segment(await blobStore().read(image.sha256));
        if (selection.width !== width || selection.height !== height) {
          return { kind: 'refused', message: `${image.filename}: the selection came out at another size.` };
        }
        const alpha = selectionAlpha(selection.foreground, rule.kind);
        if (!hasRepaintArea(alpha)) {
          return {
            kind: 'refused',
            message: `${image.filename}: no ${rule.kind} was found to repaint, so the image was left as it is.`,
          };
        }
        return { kind: 'mask', png: encodeMaskPng(width, height, alpha) };
      } catch (error) {
        console.error(`[overpaint] batch selection of ${JSON.stringify(image.filename)} failed:`, error);
        return { kind: 'refused', message: `${image.filename}: its ${rule.kind} could not be selected.` };
      } finally {
        release();
      }
    }
  }
}
