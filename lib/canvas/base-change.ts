import { resizeAlpha } from '@/lib/mask/import';

/**
 * What happens to a painted mask when the base changes (references reordered or removed): the
 * mask must always have the new base's size. Same size: kept as is. Another size: rescaled
 * (bilinear), and the note says so, adding a warning when the shape (aspect ratio) differs,
 * because then the mask is stretched and should be checked.
 */
export function carryMask(
  alpha: Uint8Array,
  width: number,
  height: number,
  toWidth: number,
  toHeight: number,
): { alpha: Uint8Array; note: string } {
  if (width === toWidth && height === toHeight) {
    return { alpha, note: `Mask kept: the new base is the same size (${toWidth} × ${toHeight}).` };
  }
  const stretched = Math.abs(width / height - toWidth / toHeight) > 0.01;
  return {
    alpha: resizeAlpha(alpha, width, height, toWidth, toHeight),
    note:
      `Mask rescaled from ${width} × ${height} to ${toWidth} × ${toHeight} to fit the new base` +
      (stretched ? '; its shape differs, so check the mask.' : '.'),
  };
}
