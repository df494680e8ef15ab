import 'server-only';

/*
 * Cache headers for shared images. Browsers revalidate every time (a 304 against the ETag costs nothing), so a
 * revoked link stops showing at once; a CDN may keep a copy for a minute, which bounds how long a revoked image
 * can still be served from an edge. Errors are never cached, so a new share is never shadowed by an old 404.
 */
export const SHARED_IMAGE_CACHE = 'public, max-age=0, s-maxage=60, must-revalidate';

export function shareNotFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** 304 when the browser or CDN already holds these bytes. */
export function notModified(request: Request, etag: string): Response | null {
  const given = request.headers.get('if-none-match');
  if (!given || !given.split(',').some((tag) => tag.trim() === etag)) return null;
  return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': SHARED_IMAGE_CACHE } });
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** A neutral download name: no job id, no original file name. */
export function sharedFilename(mime: string, position: number): string {
  return `overpaint-shared-${position + 1}.${EXTENSIONS[mime] ?? 'img'}`;
}
