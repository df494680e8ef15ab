import 'server-only';
import { readFileSync, readlinkSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirInUseError extends Error {
  /** Checked by `isDataDirInUseError`: a brand survives the production build's duplicated modules, `instanceof` does not. */
  readonly kind = 'data-dir-in-use';

  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    super(
      `DATA_DIR ${dataDir} is already used by another Overpaint server${describeOwner(owner)}. ` +
        'The embedded database (PGlite) cannot be shared between processes: stop the other server, ' +
        'or give this one its own DATA_DIR (or a DATABASE_URL).',
    );
    this.name = 'DataDirInUseError';
  }
}

export function isDataDirInUseError(error: unknown): error is DataDirInUseError {
  return (error as { kind?: unknown } | null)?.kind === 'data-dir-in-use';
}

/** Who holds the lock: enough to tell whether its pid means anything to us. */
export interface LockOwner {
  pid: number;
  host: string;
  /** The kernel's boot id: two machines, or one machine before and after a reboot, differ. */
  bootId: string;
  /** The pid namespace (`/proc/self/ns/pid`): two containers on one host differ, and their pids do not compare. */
  pidNamespace: string;
  startedAt: string;
}

/** A lock whose holder stopped refreshing it for this long is stale (proper-lockfile takes it over). */
export const LOCK_STALE_MS = 10_000;

/**
 * Takes the exclusive lock on DATA_DIR for this process: a `<dir>.lock` folder whose mtime proper-lockfile refreshes
 * every few seconds, released on exit, plus who holds it in `<dir>/server.owner.json` (and its bare pid in
 * `<dir>/server.pid`, for people and scripts). A lock is stale only by its age: once nobody has refreshed it for
 * `LOCK_STALE_MS` it is taken over. A pid alone proves nothing: a server in another container on the same volume
 * has a pid this process cannot see. The one exception is a holder recorded on this very kernel boot and pid
 * namespace whose pid is gone: that server provably died, so its lock is taken over at once (a restart after a
 * crash does not wait).
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await acquire(dataDir);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    const owner = await readOwner(dataDir);
    if (!owner || !provablyDead(owner)) throw new DataDirInUseError(dataDir, owner);
    await fs.rm(`${dataDir}.lock`, { recursive: true, force: true });
    return acquire(dataDir);
  }
}

/** This process's identity as a lock holder. */
export function currentOwner(): LockOwner {
  return {
    pid: process.pid,
    host: os.hostname(),
    bootId: readText('/proc/sys/kernel/random/boot_id'),
    pidNamespace: readLink('/proc/self/ns/pid'),
    startedAt: new Date().toISOString(),
  };
}

async function acquire(dataDir: string): Promise<() => Promise<void>> {
  const release = await lockfile.lock(dataDir, {
    stale: LOCK_STALE_MS,
    update: LOCK_STALE_MS / 4,
    realpath: false,
    retries: 0,
    onCompromised: (error) => {
      // Another process took the directory over (or the disk went away): running on would risk corruption.
      console.error(`[overpaint] lost the lock on DATA_DIR ${dataDir}: ${error.message}. Exiting.`);
      process.exit(1);
    },
  });
  await fs.writeFile(ownerFile(dataDir), JSON.stringify(currentOwner()));
  await fs.writeFile(pidFile(dataDir), String(process.pid));
  return async () => {
    await fs.rm(ownerFile(dataDir), { force: true });
    await fs.rm(pidFile(dataDir), { force: true });
    await release();
  };
}

function ownerFile(dataDir: string): string {
  return path.join(dataDir, 'server.owner.json');
}

function pidFile(dataDir: string): string {
  return path.join(dataDir, 'server.pid');
}

async function readOwner(dataDir: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await fs.readFile(ownerFile(dataDir), 'utf8')) as Partial<LockOwner>;
    if (!Number.isInteger(owner.pid) || (owner.pid ?? 0) <= 0) return null;
    return {
      pid: owner.pid!,
      host: String(owner.host ?? ''),
      bootId: String(owner.bootId ?? ''),
      pidNamespace: String(owner.pidNamespace ?? ''),
      startedAt: String(owner.startedAt ?? ''),
    };
  } catch {
    // No record (a server from before this file, or one that crashed between lock and write): age decides.
    return null;
  }
}

/** True only when the owner's pid is comparable with ours (same host, boot and pid namespace) and is gone. */
function provablyDead(owner: LockOwner): boolean {
  const self = currentOwner();
  const comparable =
    owner.host === self.host &&
    owner.bootId !== '' &&
    owner.bootId === self.bootId &&
    owner.pidNamespace !== '' &&
    owner.pidNamespace === self.pidNamespace;
  return comparable && owner.pid !== process.pid && !isAlive(owner.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}

function describeOwner(owner: LockOwner | null): string {
  if (!owner) return '';
  return ` (process ${owner.pid} on ${owner.host || 'an unknown host'}, since ${owner.startedAt || 'an unknown time'})`;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function readLink(file: string): string {
  try {
    return readlinkSync(file);
  } catch {
    return '';
  }
}
