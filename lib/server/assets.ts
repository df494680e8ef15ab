import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import sharp, { type Metadata } from 'sharp';
import { fail, ok, type Result } from '@/lib/errors';
import type { AssetView } from '@/lib/jobs/types';
import { readBmpSize } from '@/lib/images/bmp-header';
import { readJpegHeader } from '@/lib/images/jpeg-header';
import { sniffImageType } from '@/lib/images/sniff';
import {
  checkDimensions,
  checkJpegHeader,
  checkReferenceFile,
  heicRefusal,
  SNIFF_BYTES,
  type AcceptedType,
} from '@/lib/references/rules';
import { currentActor } from './auth/actor';
import { DECODE_TIMEOUT_MS, imageDecoder, type DecodeOutcome } from './images/decoder';
import { blobStore } from './storage/blobs';
import { getDb } from './storage/db';
import { assetOrigins, assets, jobResults, type AssetRow } from './storage/schema';

const THUMB_SIZE = 320;
/** A result's thumbnails: the large one for wide tiles and high-density screens, the small one for the rest. */
const RESULT_THUMB_SIZE = THUMB_SIZE * 2;
const RESULT_SMALL_THUMB_SIZE = THUMB_SIZE;

/** The width of a thumbnail made with `fit: 'inside'` and no enlargement, as sharp rounds it. */
function thumbWidth(row: Pick<AssetRow, 'width' | 'height'>, size: number): number {
  const scale = Math.min(1, size / Math.max(row.width, row.height, 1));
  return Math.max(1, Math.round(row.width * scale));
}

/** Our own URLs for an asset; the browser never sees a blob path or an upstream URL. */
export function assetView(row: AssetRow): AssetView {
  const url = `/api/assets/${row.id}`;
  return {
    ...(row.smallThumbSha256 && row.thumbSha256
      ? {
          thumbSrcSet: `${url}?variant=thumb-small ${thumbWidth(row, RESULT_SMALL_THUMB_SIZE)}w, ${url}?variant=thumb ${thumbWidth(row, RESULT_THUMB_SIZE)}w`,
        }
      : {}),
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

/** A result's two thumbnails (WebP), the small one made from the large so the full image is decoded once. */
async function resultThumbnails(bytes: Uint8Array): Promise<{ thumb: Buffer; small: Buffer }> {
  const thumb = await sharp(bytes)
    .resize(RESULT_THUMB_SIZE, RESULT_THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer();
  const small = await sharp(thumb)
    .resize(RESULT_SMALL_THUMB_SIZE, RESULT_SMALL_THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  return { thumb, small };
}

/**
 * Validates an uploaded reference by its content and stores it: PNG and JPEG as given (content-addressed, so the
 * same file is stored once), anything else converted to PNG, and a thumbnail. Headers are read and judged before a
 * pixel is decoded; decoding runs in the bounded decoder process. Nothing is stored when any check fails.
 */
export async function storeReference(file: File): Promise<Result<AssetView>> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const checked = await checkReferenceBytes(file.name, bytes);
  if (!checked.ok) return checked;
  const { type, width, height, orientation } = checked.data;

  const convert = type !== 'png' && type !== 'jpeg';
  const decoded = await imageDecoder().decode({ bytes, type, pixels: width * height, convert });
  if (!decoded.ok) return decodeFailure(file.name, type, decoded);

  const stored = decoded.png ?? bytes;
  const store = blobStore();
  const [sha256, thumbSha256] = await Promise.all([store.put(stored), store.put(decoded.thumb)]);
  const row: AssetRow = {
    id: randomUUID(),
    kind: 'reference',
    sha256,
    mime: type === 'jpeg' ? 'image/jpeg' : 'image/png',
    bytes: stored.byteLength,
    // A converted image is stored upright (orientation applied), so its size is the decoded one.
    width: decoded.png ? (decoded.width ?? width) : width,
    height: decoded.png ? (decoded.height ?? height) : height,
    orientation: decoded.png ? 1 : orientation,
    filename: safeFilename(convert ? renameToPng(file.name) : file.name),
    thumbSha256,
    smallThumbSha256: null,
    createdBy: (await currentActor()).id,
    createdAt: new Date(),
  };
  const db = await getDb();
  await db.insert(assets).values(row);
  return ok(assetView(row));
}

/** What the header checks learned: the type by content and the displayed size (EXIF orientation applied). */
export interface CheckedImage {
  type: AcceptedType;
  width: number;
  height: number;
  orientation: number;
}

/**
 * Every check an uploaded image gets before decoding: size, type by content, the JPEG's markers (coding, scans,
 * components), and the declared dimensions, read from the header with no pixel limit so a huge file is called
 * "too large (W × H)" rather than damaged. Decodes nothing. Also for other upload paths (segmentation).
 */
export async function checkReferenceBytes(name: string, bytes: Uint8Array): Promise<Result<CheckedImage>> {
  const refusal = checkReferenceFile({ name, size: bytes.byteLength, head: bytes.subarray(0, SNIFF_BYTES) });
  if (refusal) return { ok: false, error: refusal };
  const type = sniffImageType(bytes.subarray(0, SNIFF_BYTES)) as AcceptedType;
  if (type === 'jpeg') {
    const jpegRefusal = checkJpegHeader(name, readJpegHeader(bytes));
    if (jpegRefusal) return { ok: false, error: jpegRefusal };
  }
  if (type === 'bmp') {
    const size = readBmpSize(bytes);
    const tooBig = size ? checkDimensions(name, size.width, size.height) : null;
    if (!size)
      return fail('reference:unreadable', `${name} has no bitmap header; the file may be damaged.`, { file: name });
    if (tooBig) return { ok: false, error: tooBig };
    return ok({ type, width: size.width, height: size.height, orientation: 1 });
  }

  let meta: Metadata;
  try {
    // Header only, never pixels: without the limit, sharp's 268 MP default would throw here and hide the real size.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    if (type === 'heic') return { ok: false, error: heicRefusal(name) };
    return fail('reference:unreadable', `${name} could not be read as an image (the file may be damaged).`, {
      file: name,
    });
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const tooBig = checkDimensions(name, width, height);
  if (tooBig) return { ok: false, error: tooBig };
  return ok({ type, width, height, orientation: meta.orientation ?? 1 });
}

function decodeFailure(
  name: string,
  type: AcceptedType,
  outcome: Extract<DecodeOutcome, { ok: false }>,
): Result<never> {
  if (outcome.reason === 'busy')
    return fail(
      'reference:busy',
      `${name} was not added: the server is busy reading other images. Try again in a moment.`,
      { file: name },
    );
  if (outcome.reason === 'timeout')
    return fail(
      'reference:too_complex',
      `${name} took too long to read (over ${DECODE_TIMEOUT_MS / 1000} s) and was stopped.`,
      { file: name },
    );
  console.warn(`[overpaint] reference ${JSON.stringify(name)} (${type}) could not be decoded: ${outcome.detail}`);
  if (type === 'heic') return { ok: false, error: heicRefusal(name) };
  return fail('reference:unreadable', `${name} could not be decoded (the image data is damaged or truncated).`, {
    file: name,
  });
}

function renameToPng(name: string): string {
  return `${name.replace(/\.[a-z0-9]{1,5}$/i, '')}.png`;
}

/** Stores an image we made or mirrored (a mask, a result). */
export async function storeGeneratedAsset(input: {
  kind: 'mask' | 'result' | 'reference';
  bytes: Uint8Array;
  filename: string;
}): Promise<AssetRow> {
  const meta = await sharp(input.bytes).metadata();
  const thumbs = input.kind !== 'mask' ? await resultThumbnails(input.bytes) : null;
  const store = blobStore();
  const [sha256, thumbSha256, smallThumbSha256] = await Promise.all([
    store.put(input.bytes),
    thumbs ? store.put(thumbs.thumb) : null,
    thumbs ? store.put(thumbs.small) : null,
  ]);
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
    smallThumbSha256,
    // Results and masks belong to their task, which records the person.
    createdBy: null,
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
    createdBy: (await currentActor()).id,
    createdAt: new Date(),
  };
  // The reference remembers the result it was made from (versions); both rows or neither.
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

/**
 * Where a new reference made from `source` comes from: the result it was made from (Use as reference, Make base),
 * or, for a copy of a reference, that reference's own origin. Null for an upload.
 */
async function originOf(source: AssetRow): Promise<{ fromJobId: string; fromPosition: number } | null> {
  const db = await getDb();
  if (source.kind === 'result') {
    const [row] = await db.select().from(jobResults).where(eq(jobResults.assetId, source.id)).limit(1);
    return row ? { fromJobId: row.jobId, fromPosition: row.position } : null;
  }
  const [row] = await db.select().from(assetOrigins).where(eq(assetOrigins.assetId, source.id)).limit(1);
  return row ? { fromJobId: row.fromJobId, fromPosition: row.fromPosition } : null;
}
