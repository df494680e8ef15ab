/**
 * Create-request validation, answering like the real API (api-contract.md §2, §5):
 * 400 `{error:{code:'invalid_request', message, param}}`, or `invalid_reference_images` for URLs the engine did
 * not issue. The engine never fetches a URL: a reference is only ever a file it stored itself.
 */
import {
  ASPECT_RATIOS,
  FOUR_K_RATIOS,
  MAX_IMAGES_PER_TASK,
  MAX_PROMPT_CHARS,
  MAX_REFERENCES,
  OUTPUT_FORMATS,
  QUALITIES,
  RESOLUTIONS,
  outputSize,
} from '@/lib/jobs/options';
import { fileNameFromUrl } from './files';
import type { EngineTaskRequest } from './store';

export type Validation =
  | { ok: true; model: string; request: EngineTaskRequest }
  | { ok: false; code: 'invalid_request' | 'invalid_reference_images'; message: string; param: string };

export interface ValidationDeps {
  hasFile(name: string): Promise<boolean>;
  /** Displayed size of a stored image, or null when it cannot be read (then the task fails later, in words). */
  sizeOf(name: string): Promise<{ width: number; height: number } | null>;
}

export async function validateGenerationRequest(body: unknown, deps: ValidationDeps): Promise<Validation> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid('The request body must be a JSON object.', 'body');
  }
  const b = body as Record<string, unknown>;

  if (typeof b.model !== 'string' || !b.model.trim()) return invalid("The 'model' field is required.", 'model');
  if (typeof b.prompt !== 'string' || !b.prompt.trim()) return invalid("The 'prompt' field is required.", 'prompt');
  if (b.prompt.length > MAX_PROMPT_CHARS)
    return invalid(`The 'prompt' field is longer than ${MAX_PROMPT_CHARS} characters.`, 'prompt');

  const size = oneOf(b.size ?? '1:1', ASPECT_RATIOS);
  if (!size) return invalid(`The 'size' field must be one of ${ASPECT_RATIOS.join(', ')}.`, 'size');
  const resolution = oneOf(
    typeof b.resolution === 'string' ? b.resolution.toLowerCase() : (b.resolution ?? '1k'),
    RESOLUTIONS,
  );
  if (!resolution) return invalid(`The 'resolution' field must be one of ${RESOLUTIONS.join(', ')}.`, 'resolution');
  const quality = oneOf(b.quality ?? 'high', QUALITIES);
  if (!quality) return invalid(`The 'quality' field must be one of ${QUALITIES.join(', ')}.`, 'quality');
  const outputFormat = oneOf(b.output_format ?? 'png', OUTPUT_FORMATS);
  if (!outputFormat)
    return invalid(`The 'output_format' field must be one of ${OUTPUT_FORMATS.join(', ')}.`, 'output_format');

  // A quoted "1" is an error upstream (api-contract.md §2): n must be a JSON number.
  const n = b.n ?? 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_IMAGES_PER_TASK) {
    return invalid(`The 'n' field must be an integer from 1 to ${MAX_IMAGES_PER_TASK}.`, 'n');
  }
  let outputCompression: number | null = null;
  if (b.output_compression !== undefined && b.output_compression !== null) {
    const c = b.output_compression;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > 100) {
      return invalid("The 'output_compression' field must be an integer from 0 to 100.", 'output_compression');
    }
    outputCompression = c;
  }

  const rawUrls = b.image_urls ?? [];
  if (!Array.isArray(rawUrls) || rawUrls.some((u) => typeof u !== 'string')) {
    return invalid("The 'image_urls' field must be an array of URL strings.", 'image_urls');
  }
  if (rawUrls.length > MAX_REFERENCES) {
    return invalid(`The 'image_urls' field takes at most ${MAX_REFERENCES} images.`, 'image_urls');
  }
  const imageFiles: string[] = [];
  for (const url of rawUrls) {
    const name = fileNameFromUrl(url);
    if (!name || !(await deps.hasFile(name))) {
      return refused("Reference images must be URLs returned by this engine's upload endpoint.", 'image_urls');
    }
    imageFiles.push(name);
  }

  let maskFile: string | null = null;
  if (b.mask_url !== undefined && b.mask_url !== null) {
    if (imageFiles.length === 0)
      return invalid("The 'mask_url' field is only valid together with 'image_urls'.", 'mask_url');
    const name = fileNameFromUrl(b.mask_url);
    if (!name || !(await deps.hasFile(name))) {
      return refused("The mask must be a URL returned by this engine's upload endpoint.", 'mask_url');
    }
    if (!name.endsWith('.png')) return invalid('The mask must be a PNG with an alpha channel.', 'mask_url');
    maskFile = name;
  }

  if (resolution === '4k') {
    const fourK = `4k is only available for ${FOUR_K_RATIOS.join(', ')}.`;
    const [first] = imageFiles;
    if (size === 'auto' && first) {
      // `auto` follows the first image's shape; an unreadable image is left for the task to fail on, in words.
      const base = await deps.sizeOf(first);
      if (base && !outputSize(size, resolution, base)) return invalid(fourK, 'resolution');
    } else if (!outputSize(size, resolution)) {
      return invalid(fourK, 'resolution');
    }
  }

  const request: EngineTaskRequest = {
    prompt: b.prompt,
    size,
    resolution,
    quality,
    n,
    outputFormat,
    outputCompression,
    imageFiles,
    maskFile,
  };
  return { ok: true, model: b.model.trim(), request };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function invalid(message: string, param: string): Validation {
  return { ok: false, code: 'invalid_request', message, param };
}

function refused(message: string, param: string): Validation {
  return { ok: false, code: 'invalid_reference_images', message, param };
}
