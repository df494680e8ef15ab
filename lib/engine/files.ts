/**
 * File names and types the engine deals in. Every file the engine reads was written by the engine under a name it
 * generated, so a name that does not match `FILE_NAME` is refused before any path is built (no traversal).
 */
import { SNIFF_BYTES, sniffImageType } from '@/lib/images/sniff';

export type EngineImageType = { mime: string; ext: 'png' | 'jpg' | 'webp' | 'gif' };

export const FILE_NAME = /^(up|res)_[a-z0-9_]{8,80}\.(png|jpg|webp|gif)$/;
export const TASK_ID = /^img_[a-f0-9]{24}$/;

const MIME_BY_EXT: Record<EngineImageType['ext'], string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** PNG / JPEG / WebP / GIF by their first bytes (the upload endpoint's rule), never by the declared type. */
export function sniffImage(bytes: Uint8Array): EngineImageType | null {
  const type = sniffImageType(bytes.subarray(0, SNIFF_BYTES));
  if (type === 'png' || type === 'gif' || type === 'webp') return imageType(type);
  if (type === 'jpeg') return imageType('jpg');
  return null;
}

export function mimeForFile(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1) as EngineImageType['ext'];
  return MIME_BY_EXT[ext] ?? 'application/octet-stream';
}

/**
 * The stored file a reference URL names: `<anything>/v1/files/<name>`. Only the name is used (the engine never
 * fetches a URL, so a foreign host gains nothing); anything else is not ours.
 */
export function fileNameFromUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const match = /\/v1\/files\/([^/]+)$/.exec(url.pathname);
  const name = match?.[1];
  return name && FILE_NAME.test(name) ? name : null;
}

function imageType(ext: EngineImageType['ext']): EngineImageType {
  return { mime: MIME_BY_EXT[ext], ext };
}
