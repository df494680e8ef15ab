import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { serverEnv } from '@/lib/server/env';
import { S3BlobStore } from './s3-blobs';

/**
 * Bytes of images, addressed by their SHA-256: the same file added twice is stored once. The interface is small
 * on purpose: `S3BlobStore` (s3-blobs.ts) stands behind it for teams.
 */
export interface BlobStore {
  /** Stores the bytes (idempotent) and returns their key, the lowercase hex SHA-256. */
  put(bytes: Uint8Array): Promise<string>;
  read(key: string): Promise<Buffer>;
  /** A web stream of the bytes, for responses; null when missing. */
  stream(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  has(key: string): Promise<boolean>;
  /** Throws one line naming the setting to fix when the store cannot be used (boot, /api/health). */
  check(): Promise<void>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(bytes: Uint8Array): Promise<string> {
    const key = sha256Hex(bytes);
    const target = this.pathFor(key);
    if (await this.has(key)) return key;
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a crash never leaves a half-written blob under a valid key.
    const temporary = `${target}.${randomUUID()}.tmp`;
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, target);
    return key;
  }

  read(key: string): Promise<Buffer> {
    return fs.readFile(this.pathFor(key));
  }

  async stream(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null> {
    const file = this.pathFor(key);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat) return null;
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    return { body, size: stat.size };
  }

  async has(key: string): Promise<boolean> {
    return fs
      .access(this.pathFor(key))
      .then(() => true)
      .catch(() => false);
  }

  async check(): Promise<void> {
    await fs.mkdir(this.root, { recursive: true });
    await fs.access(this.root, fs.constants.W_OK).catch(() => {
      throw new Error(`DATA_DIR: ${this.root} is not writable`);
    });
  }

  private pathFor(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error('Invalid blob key');
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}

const globalForBlobs = globalThis as unknown as { __overpaintBlobs?: BlobStore };

/** The one store of this process: files in DATA_DIR, or the S3 bucket when BLOB_STORE=s3. */
export function blobStore(): BlobStore {
  if (globalForBlobs.__overpaintBlobs) return globalForBlobs.__overpaintBlobs;
  const env = serverEnv();
  globalForBlobs.__overpaintBlobs =
    env.blobs.kind === 's3' ? new S3BlobStore(env.blobs) : new FileBlobStore(path.join(env.dataDir, 'blobs'));
  return globalForBlobs.__overpaintBlobs;
}
