import 'server-only';
import { createHash } from 'node:crypto';

/**
 * Bytes of images, addressed by their SHA-256: the same file added twice is stored once. The interface is small
 * on purpose: `FileBlobStore` (file-blobs.ts) and `S3BlobStore` (s3-blobs.ts) stand behind it; blobs.ts picks one.
 */
export interface BlobStore {
  /** Stores the bytes (idempotent) and returns their key, the lowercase hex SHA-256. */
  put(bytes: Uint8Array): Promise<string>;
  read(key: string): Promise<Buffer>;
  /** A web stream of the bytes, for responses; null when missing. */
  stream(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  /**
   * Whether a whole copy is stored. With `size`, a stored object of another size is not trusted (a crash or a
   * failed upload left it short) and `put` writes it again; without, the file store checks the bytes' hash.
   */
  has(key: string, size?: number): Promise<boolean>;
  /** Throws one line naming the setting to fix when the store cannot be used (boot, /api/health). */
  check(): Promise<void>;
  /** Every stored blob, with its size and when it was written (for the collector, lib/server/gc). */
  list(): AsyncIterable<StoredBlob>;
  /** Deletes a blob; one already gone is fine. Only the collector calls this, after proving nothing uses it. */
  remove(key: string): Promise<void>;
  /** Removes writes a crash left unfinished (temporary files, multipart uploads) begun before `before`. */
  removeAbandoned(before: Date): Promise<{ count: number; bytes: number }>;
}

export interface StoredBlob {
  key: string;
  size: number;
  modifiedAt: Date;
}

/** A blob's key for these bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A blob's key: the lowercase hex SHA-256 of its bytes. */
export const BLOB_KEY = /^[0-9a-f]{64}$/;
