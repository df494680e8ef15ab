import 'server-only';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { blobStore } from '../storage/blobs';
import { getDb } from '../storage/db';
import { sharePreviews } from '../storage/schema';
import { sharedWorkLimit } from '../work-limit';

// The size chat tools and social cards expect for a large preview (1.91:1).
const WIDTH = 1200;
const HEIGHT = 630;
/** Bump when the rendering below changes: older stored previews are then made again. */
const VARIANT = 'og1';

/** Previews made at once per process (each decodes a result of up to 4k), and waiting; past that, busy. */
export const PREVIEW_LIMIT = { concurrency: 2, queue: 8 };

export interface SourceImage {
  sha256: string;
  width: number;
  height: number;
}

export type Preview =
  | { ok: true; body: ReadableStream<Uint8Array>; size: number; etag: string }
  | { ok: false; reason: 'busy' | 'missing' };

/** The ETag of a source's preview: known without reading or decoding anything, so a 304 costs one lookup. */
export function previewEtag(source: SourceImage): string {
  return `"${VARIANT}-${source.sha256}"`;
}

/**
 * The link preview of an image: the stored one, or made now (under the preview limit), stored in the blob store
 * and recorded, so every later request, on any instance, streams the stored bytes.
 */
export async function previewImage(source: SourceImage, signal?: AbortSignal): Promise<Preview> {
  const id = `${VARIANT}:${source.sha256}`;
  const store = blobStore();
  const stored = await findPreview(id);
  const existing = stored ? await store.stream(stored) : null;
  if (existing) return { ok: true, ...existing, etag: previewEtag(source) };

  const release = await sharedWorkLimit('share-preview', PREVIEW_LIMIT).acquire(signal);
  if (!release) return { ok: false, reason: 'busy' };
  try {
    const bytes = await render(await store.read(source.sha256), source);
    const key = await store.put(bytes);
    const db = await getDb();
    // Two requests may render the same preview at once: the same bytes, so whichever row lands first is right.
    await db
      .insert(sharePreviews)
      .values({ id, previewSha256: key, bytes: bytes.byteLength })
      .onConflictDoUpdate({
        target: sharePreviews.id,
        set: { previewSha256: key, bytes: bytes.byteLength },
      });
    const made = await store.stream(key);
    return made ? { ok: true, ...made, etag: previewEtag(source) } : { ok: false, reason: 'missing' };
  } finally {
    release();
  }
}

async function findPreview(id: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select().from(sharePreviews).where(eq(sharePreviews.id, id)).limit(1);
  return row?.previewSha256 ?? null;
}

/** The first shared result, letterboxed on the studio's dark background. */
function render(bytes: Uint8Array, source: SourceImage): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: source.width * source.height })
    .rotate()
    .resize(WIDTH, HEIGHT, { fit: 'contain', background: '#09090b' })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
}
