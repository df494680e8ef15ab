import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { BLOB_KEY, sha256Hex, type BlobStore, type StoredBlob } from './blob-store';

/** Temporary files of writes in progress end so; one left by a crash is collected (lib/server/gc). */
const TEMP_SUFFIX = '.tmp';

/** Blobs as files under `<root>/<aa>/<bb>/<sha256>`, written so that a power cut never leaves a short file. */
export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(bytes: Uint8Array): Promise<string> {
    const key = sha256Hex(bytes);
    const target = this.pathFor(key);
    // A file of the wrong size (a crash before this store synced its writes) is written again, not trusted.
    if (await this.has(key, bytes.byteLength)) return key;
    const folder = path.dirname(target);
    const created = await fs.mkdir(folder, { recursive: true });
    // Write, sync, then rename, and sync the folder: after a power cut the key names either nothing or all the
    // bytes. Without the syncs the rename can reach the disk before the data, leaving an empty file under the key.
    const temporary = `${target}.${randomUUID()}${TEMP_SUFFIX}`;
    const handle = await fs.open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fs.rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    await fs.rename(temporary, target);
    await syncFolder(folder);
    // New folders (`aa/`, `aa/bb/`) must reach their parents' entries too.
    if (created) {
      await syncFolder(path.dirname(folder));
      await syncFolder(this.root);
    }
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

  async has(key: string, size?: number): Promise<boolean> {
    const file = this.pathFor(key);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) return false;
    if (size !== undefined) return stat.size === size;
    return (await hashFile(file)) === key;
  }

  async check(): Promise<void> {
    await fs.mkdir(this.root, { recursive: true });
    await fs.access(this.root, fs.constants.W_OK).catch(() => {
      throw new Error(`DATA_DIR: ${this.root} is not writable`);
    });
  }

  async *list(): AsyncIterable<StoredBlob> {
    for await (const file of this.files()) {
      const key = path.basename(file);
      if (!BLOB_KEY.test(key)) continue;
      const stat = await fs.stat(file).catch(() => null);
      if (stat?.isFile()) yield { key, size: stat.size, modifiedAt: stat.mtime };
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathFor(key), { force: true });
  }

  async removeAbandoned(before: Date): Promise<{ count: number; bytes: number }> {
    let count = 0;
    let bytes = 0;
    for await (const file of this.files()) {
      if (!file.endsWith(TEMP_SUFFIX)) continue;
      const stat = await fs.stat(file).catch(() => null);
      if (!stat || stat.mtime >= before) continue;
      await fs.rm(file, { force: true });
      count += 1;
      bytes += stat.size;
    }
    return { count, bytes };
  }

  /** Every file two folder levels under the root (`aa/bb/<name>`), one folder in memory at a time. */
  private async *files(): AsyncIterable<string> {
    for (const first of await subfolders(this.root)) {
      for (const second of await subfolders(first)) {
        const names = await fs.readdir(second).catch(() => [] as string[]);
        for (const name of names) yield path.join(second, name);
      }
    }
  }

  private pathFor(key: string): string {
    if (!BLOB_KEY.test(key)) throw new Error('Invalid blob key');
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}

/** fsync on a folder makes its entries (a rename, a new file) durable; Linux and macOS allow it, Windows does not. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch (error) {
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF'].includes((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

async function subfolders(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => path.join(folder, entry.name));
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
