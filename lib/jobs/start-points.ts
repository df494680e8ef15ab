/**
 * The ways into the studio, as the ToAPIs documentation presents the model: multi-reference blend, mask
 * inpainting, high-resolution style transfer, and plain generation from a prompt. Plain TypeScript: the Start
 * section sets the form up from here, the server checks an inpaint submit against it, and jobs and drafts store
 * the id.
 */
import { z } from 'zod';
import { FOUR_K_RATIOS, nearestRatio, type GenerationOptions } from './options';

export const START_POINTS = ['blend', 'inpaint', 'style', 'text'] as const;
export type StartPoint = (typeof START_POINTS)[number];
export const startPointSchema = z.enum(START_POINTS);

export interface StartPointInfo {
  label: string;
  /** One line under the label. */
  summary: string;
  /** Editable suggestions, in the spirit of the documentation's examples; only ever put into the prompt field. */
  examples: readonly string[];
}

export const START_POINT_INFO: Record<StartPoint, StartPointInfo> = {
  blend: {
    label: 'Blend references',
    summary: 'Several images, one prompt, no mask: combine them into one picture.',
    examples: [
      'Put the person from image 2 into the scene of image 1, matching its light',
      'Combine these product shots into one catalogue photo on a white table',
      'Use the colours and style of image 2 for the room in image 1',
    ],
  },
  inpaint: {
    label: 'Inpaint with a mask',
    summary: 'One base, paint what should change, describe only the painted area.',
    examples: [
      'Replace the cup with a glass of orange juice',
      'Remove the object and continue the background naturally',
      'Add a small potted plant in the painted area',
    ],
  },
  style: {
    label: 'Style transfer (4k)',
    summary: 'Re-render one image in another style at 4k.',
    examples: [
      'Re-render this photo as a watercolour painting with soft paper texture',
      'Turn this image into a 1970s film photograph with warm grain',
      'Redraw this scene as a clean flat vector illustration',
    ],
  },
  text: {
    label: 'Generate from text',
    summary: 'No images: describe the picture you want.',
    examples: [
      'A cosy reading corner by a rainy window, warm lamp light, photographic',
      'A minimalist poster of a mountain sunrise in three colours',
    ],
  },
};

/** Style transfer runs at 4k and high quality; the docs warn such tasks can take minutes. */
export const STYLE_TRANSFER_OPTIONS = { resolution: '4k', quality: 'high' } as const;

/**
 * The options a start point sets, from the current ones. Only what the mode implies changes; the rest (count,
 * format) is the user's. Style transfer picks the 4k-capable ratio nearest the base (16:9 until there is one).
 */
export function startPointOptions(
  point: StartPoint,
  options: GenerationOptions,
  base: { width: number; height: number } | null,
): GenerationOptions {
  switch (point) {
    case 'blend':
    case 'inpaint':
      return { ...options, size: 'auto', resolution: options.resolution === '4k' ? '2k' : options.resolution };
    case 'style':
      return {
        ...options,
        ...STYLE_TRANSFER_OPTIONS,
        size: base ? nearestRatio(base.width, base.height, FOUR_K_RATIOS) : '16:9',
      };
    case 'text':
      return options;
  }
}
