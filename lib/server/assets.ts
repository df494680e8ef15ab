import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import sharp, { type Metadata } from 'sharp';
import { fail, ok, type Result } from '@/lib/errors';
import type { AssetView } from '@/lib/jobs/types';
import { checkDimensions, checkReferenceFile, SNIFF_BYTES } from '@/lib/references/rules';
import { blobStore } from './storage/blobs';
import { getDb } from './storage/db';
import { originOf } from './gallery/lineage';
import { assetOrigins, assets, type AssetRow } from './storage/schema';

const THUMB_SIZE = 320;

/** Our own URLs for an asset; the browser never sees a blob path or an upstream URL. */
export function assetView(row: AssetRow): AssetView {
  return {
    id: row.id,
    filename: row.filename,
    mime: row.mime,
    bytes: row.bytes,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    url: `/api/assets/${row.id}`,
    thumbUrl: `/api/assets/${row.id}?variant=thumb`,
  };
}

/**
 * Validates an uploaded reference by its content and stores it: the original bytes as given (content-addressed,
 * so the same file is stored once) and a thumbnail made here. Nothing is stored when any check fails.
 */
export async function storeReference(file: File): Promise<Result<AssetView>> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const refusal = checkReferenceFile({ name: file.name, size: bytes.byteLength, head: bytes.subarray(0, SNIFF_BYTES) });
  if (refusal) return { ok: false, error: refusal };

  let meta: Metadata;
  try {
    // Reads the header only: dimensions are known before a single pixel is decoded.
    meta = await sharp(bytes).metadata();
  } catch {
    return fail('reference:unreadable', `${file.name} could not be read as an image (the file may be damaged).`, {
      file: file.name,
    });
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const tooBig = checkDimensions(file.name, width, height);
  if (tooBig) return { ok: false, error: tooBig };

  let thumb: Buffer;
  try {
    thumb = await sharp(bytes, { limitInputPixels: width * height })
      .rotate()
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
  } catch {
    return fail('reference:unreadable', `${file.name} could not be decoded (the image data is damaged or truncated).`, {
      file: file.name,
    });
  }

  const store = blobStore();
  const [sha256, thumbSha256] = await Promise.all([store.put(bytes), store.put(thumb)]);
  const row: AssetRow = {
    id: randomUUID(),
    kind: 'reference',
    sha256,
    mime: meta.format === 'png' ? 'image/png' : 'image/jpeg',
    bytes: bytes.byteLength,
    width,
    height,
    orientation: meta.orientation ?? 1,
    filename: safeFilename(file.name),
    thumbSha256,
    createdAt: new Date(),
  };
  const db = await getDb();
  await db.insert(assets).values(row);
  return ok(assetView(row));
}

/** Stores an image we made or mirrored (a mask, a result). */
export async function storeGeneratedAsset(input: {
  kind: 'mask' | 'result' | 'reference';
  bytes: Uint8Array;
  filename: string;
}): Promise<AssetRow> {
  const meta = await sharp(input.bytes).metadata();
  const thumb =
    input.kind !== 'mask'
      ? await sharp(input.bytes)
          .resize(THUMB_SIZE * 2, THUMB_SIZE * 2, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 82 })
          .toBuffer()
      : null;
  const store = blobStore();
  const [sha256, thumbSha256] = await Promise.all([store.put(input.bytes), thumb ? store.put(thumb) : null]);
  const row: AssetRow = {
    id: randomUUID(),
    kind: input.kind,
    sha256,
    mime: meta.format === 'jpeg' ? 'image/jpeg' : 'image/png',
    bytes: input.bytes.byteLength,
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    orientation: 1,
    filename: safeFilename(input.filename),
    thumbSha256,
    createdAt: new Date(),
  };
  const db = await getDb();
  await db.insert(assets).values(row);
  return row;
}

export async function findAsset(id: string): Promise<AssetRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(assets).where(eq(assets.id, id)).limit(1);
  return row ?? null;
}

/** The rows for these ids, in the order asked (missing ids are skipped). */
export async function findAssets(ids: readonly string[]): Promise<AssetRow[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select()
    .from(assets)
    .where(inArray(assets.id, [...ids]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * A new reference that points at an image we already hold (a result: Use as reference, Make base): a new row over
 * the same content-addressed blob and thumbnail, so not a byte is uploaded or stored again.
 */
export async function referenceFromAsset(id: string, filename: string): Promise<Result<AssetView>> {
  const source = await findAsset(id);
  // Masks are not images to edit; only results and references can become references.
  if (!source || source.kind === 'mask')
    return fail('reference:not_found', 'That image is no longer stored; it may have been deleted.');
  const row: AssetRow = {
    ...source,
    id: randomUUID(),
    kind: 'reference',
    filename: safeFilename(filename),
    createdAt: new Date(),
  };
  // The reference remembers the result it was made from (versions, issue 16); both rows or neither.
  const origin = await originOf(source);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(assets).values(row);
    if (origin) await tx.insert(assetOrigins).values({ assetId: row.id, ...origin });
  });
  return ok(assetView(row));
}

/** Keeps a name fit for a Content-Disposition header and a listing: no paths, no control characters. */
function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'image';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'image').slice(0, 200);
}
