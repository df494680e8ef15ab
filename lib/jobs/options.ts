/**
 * Everything model-specific about `gpt-image-1.5-official` lives in this one table, so that a docs change
 * (ratios, the 4k rule, the n cap, formats) is a one-file edit. See ../shared/docs/api-contract.md §2.
 * Plain TypeScript: used by the form, the server actions, the upstream client and the offline engine.
 */
import { z } from 'zod';

export const ASPECT_RATIOS = [
  'auto',
  '1:1',
  '3:2',
  '2:3',
  '4:3',
  '3:4',
  '5:4',
  '4:5',
  '16:9',
  '9:16',
  '2:1',
  '1:2',
  '21:9',
  '9:21',
] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type FixedRatio = Exclude<AspectRatio, 'auto'>;
/** The ratios an image can be made in (all but auto), in the API's order. */
// Typed as non-empty so zod can make an enum of it.
export const FIXED_RATIOS = ASPECT_RATIOS.filter((r): r is FixedRatio => r !== 'auto') as [FixedRatio, ...FixedRatio[]];

export const RESOLUTIONS = ['1k', '2k', '4k'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const QUALITIES = ['low', 'medium', 'high'] as const;
export type Quality = (typeof QUALITIES)[number];

export const OUTPUT_FORMATS = ['png', 'jpeg'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** 4k exists only for these ratios (the docs: "4k works only with 16:9, 9:16, 2:1, 1:2, 21:9, 9:21"). */
export const FOUR_K_RATIOS: readonly FixedRatio[] = ['16:9', '9:16', '2:1', '1:2', '21:9', '9:21'];

export const MAX_IMAGES_PER_TASK = 10;
export const MAX_REFERENCES = 16;
export const MAX_REFERENCE_BYTES = 50 * 1024 * 1024;
export const MAX_PROMPT_CHARS = 32_000;

type Size = { width: number; height: number };

/** Pixel sizes each ratio × resolution produces, exactly as the docs' table gives them. */
export const OUTPUT_SIZES: Record<FixedRatio, Partial<Record<Resolution, Size>>> = {
  '1:1': { '1k': { width: 1024, height: 1024 }, '2k': { width: 2048, height: 2048 } },
  '3:2': { '1k': { width: 1536, height: 1024 }, '2k': { width: 2048, height: 1360 } },
  '2:3': { '1k': { width: 1024, height: 1536 }, '2k': { width: 1360, height: 2048 } },
  '4:3': { '1k': { width: 1024, height: 768 }, '2k': { width: 2048, height: 1536 } },
  '3:4': { '1k': { width: 768, height: 1024 }, '2k': { width: 1536, height: 2048 } },
  '5:4': { '1k': { width: 1280, height: 1024 }, '2k': { width: 2560, height: 2048 } },
  '4:5': { '1k': { width: 1024, height: 1280 }, '2k': { width: 2048, height: 2560 } },
  '16:9': {
    '1k': { width: 1536, height: 864 },
    '2k': { width: 2048, height: 1152 },
    '4k': { width: 3840, height: 2160 },
  },
  '9:16': {
    '1k': { width: 864, height: 1536 },
    '2k': { width: 1152, height: 2048 },
    '4k': { width: 2160, height: 3840 },
  },
  '2:1': {
    '1k': { width: 2048, height: 1024 },
    '2k': { width: 2688, height: 1344 },
    '4k': { width: 3840, height: 1920 },
  },
  '1:2': {
    '1k': { width: 1024, height: 2048 },
    '2k': { width: 1344, height: 2688 },
    '4k': { width: 1920, height: 3840 },
  },
  '21:9': {
    '1k': { width: 2016, height: 864 },
    '2k': { width: 2688, height: 1152 },
    '4k': { width: 3840, height: 1648 },
  },
  '9:21': {
    '1k': { width: 864, height: 2016 },
    '2k': { width: 1152, height: 2688 },
    '4k': { width: 1648, height: 3840 },
  },
};

export function isFourKAllowed(ratio: AspectRatio): boolean {
  return ratio !== 'auto' && FOUR_K_RATIOS.includes(ratio);
}

/** The same options at another ratio; 4k falls back to 2k where that ratio has no 4k. */
export function withAspectRatio<T extends { size: AspectRatio; resolution: Resolution }>(
  options: T,
  size: AspectRatio,
): T {
  return {
    ...options,
    size,
    resolution: options.resolution === '4k' && !isFourKAllowed(size) ? '2k' : options.resolution,
  };
}

/** The fixed ratio whose shape is closest to width × height (compared on a log scale, so 2:1 and 1:2 are symmetric). */
export function nearestRatio(width: number, height: number, among: readonly FixedRatio[] = FIXED_RATIOS): FixedRatio {
  const target = Math.log(width / height);
  let best = among[0] ?? '1:1';
  let bestDistance = Infinity;
  for (const ratio of among) {
    const [w, h] = ratio.split(':').map(Number) as [number, number];
    const distance = Math.abs(Math.log(w / h) - target);
    if (distance < bestDistance) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The ratio a request will really be rendered at. `auto` follows the base image when there is one
 * (what an editor expects), and is square for text-only generation (the API's own default).
 */
export function effectiveRatio(ratio: AspectRatio, base?: Size | null): FixedRatio {
  if (ratio !== 'auto') return ratio;
  return base ? nearestRatio(base.width, base.height) : '1:1';
}

/** Output pixel size for a choice, or null when the combination does not exist (4k with a non-4k ratio). */
export function outputSize(ratio: AspectRatio, resolution: Resolution, base?: Size | null): Size | null {
  const fixed = effectiveRatio(ratio, base);
  return OUTPUT_SIZES[fixed][resolution] ?? null;
}

export const generationOptionsSchema = z
  .object({
    size: z.enum(ASPECT_RATIOS),
    resolution: z.enum(RESOLUTIONS),
    quality: z.enum(QUALITIES),
    n: z.number().int().min(1).max(MAX_IMAGES_PER_TASK),
    outputFormat: z.enum(OUTPUT_FORMATS),
    outputCompression: z.number().int().min(0).max(100),
    /**
     * Keep unmasked pixels: put the base back wherever the mask keeps (lib/restore). Absent means on, so tasks and
     * drafts from before the option keep the promise too.
     */
    keepUnmasked: z.boolean().optional(),
  })
  .superRefine((options, ctx) => {
    if (options.resolution === '4k' && !isFourKAllowed(options.size)) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolution'],
        message: `4k is only available for ${FOUR_K_RATIOS.join(', ')}`,
      });
    }
  });
export type GenerationOptions = z.infer<typeof generationOptionsSchema>;

export const DEFAULT_OPTIONS: GenerationOptions = {
  size: 'auto',
  resolution: '1k',
  quality: 'medium',
  n: 1,
  outputFormat: 'png',
  outputCompression: 90,
  keepUnmasked: true,
};
