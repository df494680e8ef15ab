import 'server-only';
import lockfile from 'proper-lockfile';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `DATA_DIR ${dataDir} is already used by another Overpaint server. ` +
        'The embedded database (PGlite) cannot be shared between processes: stop the other server, ' +
        'or give this one its own DATA_DIR (or a DATABASE_URL).',
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * Takes the exclusive lock on DATA_DIR for this process (a `<dir>.lock` folder kept fresh by proper-lockfile,
 * released on exit). A crashed server's lock goes stale after STALE_MS, so a restart after a crash waits for that
 * long at most, while a second live server is refused.
 */
const STALE_MS = 10_000;

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      stale: STALE_MS,
      update: STALE_MS / 2,
      realpath: false,
      retries: { retries: 7, minTimeout: 1_000, maxTimeout: 2_000, factor: 1.2 },
      onCompromised: (error) => {
        // Another process took the directory over (or the disk went away): keep running would risk corruption.
        console.error(`[overpaint] lost the lock on DATA_DIR ${dataDir}: ${error.message}. Exiting.`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
    throw error;
  }
}
