import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number | null,
  ) {
    super(
      `DATA_DIR ${dataDir} is already used by another Overpaint server${ownerPid ? ` (process ${ownerPid})` : ''}. ` +
        'The embedded database (PGlite) cannot be shared between processes: stop the other server, ' +
        'or give this one its own DATA_DIR (or a DATABASE_URL).',
    );
    this.name = 'DataDirInUseError';
  }
}

/** A lock whose holder stopped refreshing it for this long is stale (proper-lockfile takes it over). */
const STALE_MS = 10_000;

/**
 * Takes the exclusive lock on DATA_DIR for this process: a `<dir>.lock` folder kept fresh by proper-lockfile and
 * released on exit, plus the holder's pid in `<dir>/server.pid`. A second live server is refused at once; a lock
 * left behind by a crashed server (its pid is gone) is taken over at once instead of waiting for it to go stale.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await acquire(dataDir);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    const owner = await readOwner(dataDir);
    if (owner === null || (owner !== process.pid && isAlive(owner))) throw new DataDirInUseError(dataDir, owner);
    await fs.rm(`${dataDir}.lock`, { recursive: true, force: true });
    return acquire(dataDir);
  }
}

async function acquire(dataDir: string): Promise<() => Promise<void>> {
  const release = await lockfile.lock(dataDir, {
    stale: STALE_MS,
    update: STALE_MS / 2,
    realpath: false,
    retries: 0,
    onCompromised: (error) => {
      // Another process took the directory over (or the disk went away): running on would risk corruption.
      console.error(`[overpaint] lost the lock on DATA_DIR ${dataDir}: ${error.message}. Exiting.`);
      process.exit(1);
    },
  });
  await fs.writeFile(ownerFile(dataDir), String(process.pid));
  return async () => {
    await fs.rm(ownerFile(dataDir), { force: true });
    await release();
  };
}

function ownerFile(dataDir: string): string {
  return path.join(dataDir, 'server.pid');
}

async function readOwner(dataDir: string): Promise<number | null> {
  const text = await fs.readFile(ownerFile(dataDir), 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
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
