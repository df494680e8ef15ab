import type { AppError } from '@/lib/errors';
import { checkReferenceFile, SNIFF_BYTES } from '@/lib/references/rules';

/** One dropped file on its way into a batch. */
export interface DroppedImage {
  key: string;
  name: string;
  size: number;
  status: 'checking' | 'waiting' | 'uploading' | 'ready' | 'refused';
  assetId?: string;
  thumbUrl?: string;
  reason?: string;
}

/**
 * The checks a reference gets before any upload (empty, too large, not an image by its content), from the first
 * bytes alone, so 500 files are checked and listed in a moment; the server checks everything again on intake.
 */
export async function checkDropped(file: File): Promise<AppError | null> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return checkReferenceFile({ name: file.name, size: file.size, head });
}

/** Uploads at once: the server's decoder takes a few and answers busy past its queue. */
export const UPLOAD_CONCURRENCY = 2;

/** Waits before trying a file again after the server said busy. */
export function busyDelayMs(attempt: number): number {
  return Math.min(4_000, 250 * 2 ** attempt);
}
