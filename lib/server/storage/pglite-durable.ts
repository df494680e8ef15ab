import 'server-only';
import { fsyncSync } from 'node:fs';
import type { PGliteOptions } from '@electric-sql/pglite';

/**
 * PostgreSQL's shared buffers. initdb writes 128MB into postgresql.conf, and PGlite's PostgreSQL touches all of it as
 * it starts, in WASM memory that is never given back: 128 MB of the server's resident memory for a database of a few
 * MB. 16 MB holds a studio's working set, and a miss is a read from the OS page cache (NODEFS). Measured with
 * scripts/bench/server (README there): server RSS on a restart 419 → 292 MB idle, 601 → 496 MB at a 4k task's peak;
 * on a 74 MB database (100k tasks) a gallery-page query took 3.7–5 ms and a full scan 123–138 ms with either setting.
 */
const SHARED_BUFFERS = ['-c', 'shared_buffers=16MB'];

/**
 * PGlite's options for a data directory, durable or not.
 *
 * Out of the box PGlite on Node is not crash-safe against a power cut: it starts PostgreSQL with `-F` (fsync off),
 * and even with fsync on, its Node filesystem (Emscripten's NODEFS) has no `fsync`, so PostgreSQL's syncs return
 * success without reaching the disk. (`relaxedDurability` does not help here: it only decides whether a query
 * awaits `syncToFs`, which for NODEFS does nothing, the writes already being plain file writes.) A process crash
 * loses nothing either way (the OS holds the writes); a power cut or a kernel panic can lose acknowledged commits
 * or leave the cluster unreadable.
 *
 * Durable (the default, `PGLITE_FSYNC=true`): PostgreSQL runs with fsync on and `wal_sync_method=fsync`, and NODEFS
 * gets an `fsync` that calls the real one on the file's descriptor, so every commit reaches the disk before it is
 * acknowledged (one fsync of the WAL per commit; data files at checkpoints). Cost measured in scripts/ops/scaling.md ("Durability and backups").
 */
export async function pgliteOptions(directory: string, durable: boolean): Promise<PGliteOptions> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!durable) return { dataDir: directory, startParams: [...PGlite.defaultStartParams, ...SHARED_BUFFERS] };
  const { NodeFS } = await import('@electric-sql/pglite/nodefs');

  class SyncedNodeFS extends NodeFS {
    override async init(...args: Parameters<InstanceType<typeof NodeFS>['init']>) {
      const result = await super.init(...args);
      const preRun = [result.emscriptenOpts.preRun ?? []].flat();
      result.emscriptenOpts.preRun = [...preRun, (mod: EmscriptenModule) => addFsync(mod)];
      return result;
    }
  }

  return {
    fs: new SyncedNodeFS(directory),
    startParams: [
      ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
      ...SHARED_BUFFERS,
      '-c',
      'wal_sync_method=fsync',
    ],
  };
}

/** The part of the Emscripten module this touches: NODEFS's stream operations, shared by every file it opens. */
interface EmscriptenModule {
  NODEFS?: { stream_ops: { fsync?: (stream: { nfd?: number }) => number } };
}

function addFsync(mod: EmscriptenModule): void {
  const ops = mod.NODEFS?.stream_ops;
  // A PGlite whose filesystem changed shape: refuse rather than believe we are durable.
  if (!ops)
    throw new Error(
      'PGlite: cannot make its Node filesystem durable (NODEFS not found); set PGLITE_FSYNC=false to run without',
    );
  ops.fsync = (stream) => {
    if (stream.nfd === undefined) return 0;
    try {
      fsyncSync(stream.nfd);
      return 0;
    } catch {
      // Emscripten returns this to PostgreSQL as fsync's errno (29 is EIO in its numbering): a failed sync fails
      // the commit (PostgreSQL stops rather than carry on with data it cannot trust).
      return 29;
    }
  };
}
