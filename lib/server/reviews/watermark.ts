import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { blobStore } from '../storage/blobs';
import { getDb } from '../storage/db';
import { sharePreviews } from '../storage/schema';
import { sharedWorkLimit } from '../work-limit';

/*
 * Review images with the sharer's watermark, made on the server so the clean image never reaches the client before
 * approval. Made once per (text, source, size) and kept like a link preview (the `share_previews` table, its blob
 * in the blob store, freed by the collector like any preview), so every later request on any instance streams it.
 * The studio's own images are never touched.
 */

/** Bump when the drawing below changes: older stored images are then made again. */
const VARIANT = 'wm1';
/** Long side of a watermarked review image: large on any screen, far cheaper than a 4k original. */
const SIZES = { full: 2048, thumb: 512 } as const;
export type WatermarkSize = keyof typeof SIZES;

export const WATERMARK_LIMIT = { concurrency: 2, queue: 8 };

export interface WatermarkSource {
  sha256: string;
  width: number;
  height: number;
}

export type Watermarked =
  | { ok: true; body: ReadableStream<Uint8Array>; size: number; etag: string }
  | { ok: false; reason: 'busy' | 'missing' };

function idOf(text: string, source: WatermarkSource, size: WatermarkSize): string {
  const textHash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return `${VARIANT}:${size}:${textHash}:${source.sha256}`;
}

/** Known without decoding anything, so a 304 costs one lookup. */
export function watermarkEtag(text: string, source: WatermarkSource, size: WatermarkSize): string {
  return `"${idOf(text, source, size)}"`;
}

export async function watermarkedImage(
  text: string,
  source: WatermarkSource,
  size: WatermarkSize,
  signal?: AbortSignal,
): Promise<Watermarked> {
  const id = idOf(text, source, size);
  const etag = watermarkEtag(text, source, size);
  const store = blobStore();
  const db = await getDb();
  const [stored] = await db.select().from(sharePreviews).where(eq(sharePreviews.id, id)).limit(1);
  const existing = stored ? await store.stream(stored.previewSha256) : null;
  if (existing) return { ok: true, ...existing, etag };

  const release = await sharedWorkLimit('review-watermark', WATERMARK_LIMIT).acquire(signal);
  if (!release) return { ok: false, reason: 'busy' };
  try {
    const bytes = await render(await store.read(source.sha256), source, text, SIZES[size]);
    const key = await store.put(bytes);
    // Two requests may render the same image at once: the same bytes, so whichever row lands first is right.
    await db
      .insert(sharePreviews)
      .values({ id, previewSha256: key, bytes: bytes.byteLength })
      .onConflictDoUpdate({ target: sharePreviews.id, set: { previewSha256: key, bytes: bytes.byteLength } });
    const made = await store.stream(key);
    return made ? { ok: true, ...made, etag } : { ok: false, reason: 'missing' };
  } finally {
    release();
  }
}

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** The image scaled to `longSide` at most, with the text tiled diagonally across it, light over dark outlines. */
async function render(bytes: Uint8Array, source: WatermarkSource, text: string, longSide: number): Promise<Buffer> {
  const scale = Math.min(1, longSide / Math.max(source.width, source.height));
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const fontSize = Math.max(12, Math.round(Math.min(width, height) / 14));
  const step = Math.round(fontSize * Math.max(6, text.length * 0.7));
  const rows: string[] = [];
  const diagonal = Math.ceil(Math.hypot(width, height));
  for (let y = -diagonal; y < diagonal; y += fontSize * 4) {
    for (let x = -diagonal; x < diagonal; x += step) {
      rows.push(`<text x="${x}" y="${y}">${escapeXml(text)}</text>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<g transform="translate(${width / 2} ${height / 2}) rotate(-30)" font-family="DejaVu Sans, Liberation Sans, sans-serif"
 font-size="${fontSize}" font-weight="700" fill="#ffffff" fill-opacity="0.42" stroke="#000000" stroke-opacity="0.35"
 stroke-width="${Math.max(1, fontSize / 24)}">${rows.join('')}</g></svg>`;
  return sharp(bytes, { limitInputPixels: source.width * source.height })
    .rotate()
    .resize(width, height, { fit: 'fill' })
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 84, mozjpeg: true })
    .toBuffer();
}
