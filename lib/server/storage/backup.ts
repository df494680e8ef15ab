import 'server-only';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { FileBlobStore } from './file-blobs';
import { lockDataDir } from './data-dir-lock';
import { pgliteOptions } from './pglite-durable';

/**
 * A consistent copy of an embedded studio (`DATA_DIR` with PGlite): the database as PGlite's own dump
 * (`dumpDataDir`, a tarball of the cluster), every blob (checked against its hash), and the offline engine's files.
 * Taken under the DATA_DIR lock, so with the server stopped: a running server holds the lock and the backup says
 * so. (A PostgreSQL + bucket deployment is backed up with the database's and the bucket's own tools:
 * scripts/ops/scaling.md.)
 */
export interface BackupManifest {
  format: 'overpaint-backup';
  version: 1;
  createdAt: string;
  database: string;
  blobs: number;
  blobBytes: number;
  /** False when the blobs live in a bucket (BLOB_STORE=s3): back that up separately. */
  includesBlobs: boolean;
}

const DUMP = 'pglite.tar.gz';
const MANIFEST = 'manifest.json';

export async function backupDataDir(
  dataDir: string,
  target: string,
  options: { blobs: boolean },
): Promise<BackupManifest> {
  await requireEmpty(target, 'the backup folder');
  await fs.access(path.join(dataDir, 'pglite')).catch(() => {
    throw new Error(`DATA_DIR: ${dataDir} holds no embedded database to back up`);
  });
  const unlock = await lockDataDir(dataDir);
  try {
    await fs.mkdir(target, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const client = new PGlite(await pgliteOptions(path.join(dataDir, 'pglite'), true));
    try {
      // dumpDataDir before the cluster is up never settles.
      await client.waitReady;
      const dump = await client.dumpDataDir('gzip');
      await writeSynced(path.join(target, DUMP), new Uint8Array(await dump.arrayBuffer()));
    } finally {
      await client.close();
    }
    const copied = options.blobs
      ? await copyBlobs(path.join(dataDir, 'blobs'), path.join(target, 'blobs'))
      : { count: 0, bytes: 0 };
    await copyIfPresent(path.join(dataDir, 'engine'), path.join(target, 'engine'));
    const manifest: BackupManifest = {
      format: 'overpaint-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: DUMP,
      blobs: copied.count,
      blobBytes: copied.bytes,
      includesBlobs: options.blobs,
    };
    // Written last: a folder without it is an unfinished backup and restore refuses it.
    await writeSynced(path.join(target, MANIFEST), JSON.stringify(manifest, null, 2));
    return manifest;
  } finally {
    await unlock();
  }
}

/** Restores a backup into a new, empty DATA_DIR; the server is then started on it. */
export async function restoreDataDir(source: string, dataDir: string): Promise<BackupManifest> {
  const manifest = await readManifest(source);
  await requireEmpty(dataDir, 'DATA_DIR');
  await fs.mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  try {
    if (manifest.includesBlobs) await copyBlobs(path.join(source, 'blobs'), path.join(dataDir, 'blobs'));
    await copyIfPresent(path.join(source, 'engine'), path.join(dataDir, 'engine'));
    const { PGlite } = await import('@electric-sql/pglite');
    const dump = await fs.readFile(path.join(source, manifest.database));
    const client = new PGlite({
      ...(await pgliteOptions(path.join(dataDir, 'pglite'), true)),
      loadDataDir: new Blob([dump]),
    });
    await client.waitReady;
    await client.close();
    return manifest;
  } catch (error) {
    await unlock();
    // Nothing half-restored is left to be mistaken for a studio.
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    await unlock().catch(() => undefined);
  }
}

async function readManifest(source: string): Promise<BackupManifest> {
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(source, MANIFEST), 'utf8')) as Partial<BackupManifest>;
  } catch {
    throw new Error(`${source} is not a finished Overpaint backup (no readable ${MANIFEST})`);
  }
  if (manifest.format !== 'overpaint-backup' || manifest.version !== 1 || !manifest.database) {
    throw new Error(`${source}: ${MANIFEST} is not an Overpaint backup of a version this can restore`);
  }
  return manifest as BackupManifest;
}

async function requireEmpty(folder: string, what: string): Promise<void> {
  const entries = await fs.readdir(folder).catch(() => []);
  if (entries.length > 0) throw new Error(`${what} ${folder} is not empty; give a new folder`);
}

/** Copies every blob, checking each against its hash, so a damaged blob is named, not silently carried over. */
async function copyBlobs(from: string, to: string): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  for await (const blob of new FileBlobStore(from).list()) {
    const relative = path.join(blob.key.slice(0, 2), blob.key.slice(2, 4), blob.key);
    if ((await hashFile(path.join(from, relative))) !== blob.key) {
      throw new Error(`blob ${blob.key} in ${from} does not match its hash (damaged); not copied`);
    }
    await fs.mkdir(path.dirname(path.join(to, relative)), { recursive: true });
    await fs.copyFile(path.join(from, relative), path.join(to, relative));
    count += 1;
    bytes += blob.size;
  }
  return { count, bytes };
}

async function copyIfPresent(from: string, to: string): Promise<void> {
  const exists = await fs.stat(from).catch(() => null);
  if (exists?.isDirectory()) await fs.cp(from, to, { recursive: true, filter: (file) => !file.endsWith('.tmp') });
}

async function writeSynced(file: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
