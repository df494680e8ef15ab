import { z } from 'zod';

/**
 * How a recipe makes each image's mask (alpha 255 keep, 0 repaint, as everywhere in `lib/mask`):
 * - `none`: a plain edit, no mask;
 * - `subject` / `background`: the segmentation model's selection (the area to repaint);
 * - `rect` / `ellipse`: a shape in fractions of the image (0–1 on each axis), so it fits any size;
 * - `margin`: Expand canvas for every image: the canvas grows by a share of the image on each side, the new area is
 *   repainted and the image itself kept (the task's base becomes the padded image);
 * - `current`: the mask painted in the studio when the recipe was saved, scaled to each image.
 */
const fraction = z.number().min(0, 'at least 0 %.').max(1, 'at most 100 % of the image.');
/** A side's margin as a share of the image's size on that axis: 0.25 adds a quarter of the width (or height). */
const margin = fraction;

/** The numbers of the shape and margin rules, as the Save as recipe form names them (and its errors say). */
export const MASK_RULE_FIELD_LABELS = {
  x: 'From the left edge',
  y: 'From the top edge',
  width: 'Shape width',
  height: 'Shape height',
  top: 'Margin top',
  right: 'Margin right',
  bottom: 'Margin bottom',
  left: 'Margin left',
} as const;

export const maskRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('subject') }),
  z.object({ kind: z.literal('background') }),
  z.object({
    kind: z.enum(['rect', 'ellipse']),
    x: fraction,
    y: fraction,
    width: fraction.refine((v) => v > 0, 'The shape needs a width.'),
    height: fraction.refine((v) => v > 0, 'The shape needs a height.'),
  }),
  z
    .object({ kind: z.literal('margin'), top: margin, right: margin, bottom: margin, left: margin })
    .refine((rule) => rule.top + rule.right + rule.bottom + rule.left > 0, 'Margin: give at least one side a margin.'),
  z.object({ kind: z.literal('current') }),
]);
export type MaskRule = z.infer<typeof maskRuleSchema>;
export type MaskRuleKind = MaskRule['kind'];

export const MASK_RULE_LABELS: Record<MaskRuleKind, string> = {
  none: 'No mask (plain edit)',
  subject: 'Select subject',
  background: 'Select background',
  rect: 'Rectangle',
  ellipse: 'Ellipse',
  margin: 'Margin (expand the canvas)',
  current: 'Current mask, scaled to each image',
};

/**
 * A foreground probability map (255 subject) to a mask repainting the subject or the background. The threshold is
 * the model's own midpoint; a soft edge would be repainted half-way, which upstream treats as "keep".
 */
export function selectionAlpha(foreground: Uint8Array, repaint: 'subject' | 'background'): Uint8Array {
  const alpha = new Uint8Array(foreground.length);
  for (let i = 0; i < foreground.length; i++) {
    const isSubject = foreground[i]! >= 128;
    alpha[i] = isSubject === (repaint === 'subject') ? 0 : 255;
  }
  return alpha;
}

/** A rectangle or ellipse rule at one image's pixel size; pixels whose centre is inside are repainted. */
export function shapeAlpha(
  rule: Extract<MaskRule, { kind: 'rect' | 'ellipse' }>,
  width: number,
  height: number,
): Uint8Array {
  const alpha = new Uint8Array(width * height).fill(255);
  const left = rule.x * width;
  const top = rule.y * height;
  const right = Math.min(width, left + rule.width * width);
  const bottom = Math.min(height, top + rule.height * height);
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const rx = (right - left) / 2;
  const ry = (bottom - top) / 2;
  for (let y = Math.floor(top); y < Math.ceil(bottom); y++) {
    for (let x = Math.floor(left); x < Math.ceil(right); x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      if (px < left || px > right || py < top || py > bottom) continue;
      if (rule.kind === 'ellipse' && ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 > 1) continue;
      alpha[y * width + x] = 0;
    }
  }
  return alpha;
}
