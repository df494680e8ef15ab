/** Stored images as the studio holds them, for the studio's unit tests. */
import type { AssetView } from '@/lib/jobs/types';

export function asset(filename: string, width = 600, height = 400): AssetView {
  const id = crypto.randomUUID();
  return {
    id,
    filename,
    mime: 'image/png',
    bytes: 1000,
    sha256: id.replaceAll('-', '').padEnd(64, '0'),
    width,
    height,
    url: `/api/assets/${id}`,
    thumbUrl: `/api/assets/${id}/thumb`,
  };
}
