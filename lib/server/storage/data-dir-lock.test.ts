/** The DATA_DIR lock: stale by age only; a pid is believed dead only when it is comparable with ours. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentOwner, isDataDirInUseError, lockDataDir, LOCK_STALE_MS, type LockOwner } from './data-dir-lock';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.lock`, { recursive: true, force: true });
  }
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-lock-'));
  made.push(dir);
  return dir;
}

/** A pid that certainly belonged to a process and is now gone. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** Leaves a lock as another server would: the lock folder (its mtime is the heartbeat) and who holds it. */
function plantLock(dir: string, owner: LockOwner, ageMs: number): void {
  mkdirSync(`${dir}.lock`);
  const at = new Date(Date.now() - ageMs);
  utimesSync(`${dir}.lock`, at, at);
  writeFileSync(path.join(dir, 'server.owner.json'), JSON.stringify(owner));
  writeFileSync(path.join(dir, 'server.pid'), String(owner.pid));
}

describe('DATA_DIR lock', () => {
  it('honours a fresh lock whose pid is not alive here when the holder is in another container', async () => {
    const dir = dataDir();
    // Same volume, another container: its pid means nothing in our pid namespace.
    const other = { ...currentOwner(), pid: deadPid(), host: 'other-container', pidNamespace: 'pid:[4026532999]' };
    plantLock(dir, other, 1_000);
    const refused = await lockDataDir(dir).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDataDirInUseError(refused)).toBe(true);
    expect((refused as Error).message).toMatch(
      /already used by another Overpaint server \(process \d+ on other-container/,
    );
    // Nothing of the holder's was touched.
    expect(JSON.parse(readFileSync(path.join(dir, 'server.owner.json'), 'utf8')).host).toBe('other-container');
  });

  it('honours a fresh lock with no owner record at all', async () => {
    const dir = dataDir();
    mkdirSync(`${dir}.lock`);
    await expect(lockDataDir(dir)).rejects.toThrow(/already used by another Overpaint server/);
  });

  it('takes over a lock nobody refreshed for longer than the stale age, whoever holds it', async () => {
    const dir = dataDir();
    const other = { ...currentOwner(), pid: 1, host: 'other-container', pidNamespace: 'pid:[4026532999]' };
    plantLock(dir, other, LOCK_STALE_MS + 5_000);
    const unlock = await lockDataDir(dir);
    const owner = JSON.parse(readFileSync(path.join(dir, 'server.owner.json'), 'utf8')) as LockOwner;
    expect(owner).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(readFileSync(path.join(dir, 'server.pid'), 'utf8')).toBe(String(process.pid));
    // Ours now: a second taker is refused.
    await expect(lockDataDir(dir)).rejects.toThrow(/already used/);
    await unlock();
  });

  it('takes over at once a fresh lock whose holder died on this very kernel boot and pid namespace', async () => {
    const dir = dataDir();
    plantLock(dir, { ...currentOwner(), pid: deadPid() }, 1_000);
    const unlock = await lockDataDir(dir);
    expect(JSON.parse(readFileSync(path.join(dir, 'server.owner.json'), 'utf8')).pid).toBe(process.pid);
    await unlock();
  });

  it('refuses a second taker while the holder lives, and frees everything on release', async () => {
    const dir = dataDir();
    const unlock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(/already used/);
    await unlock();
    const again = await lockDataDir(dir);
    await again();
  });
});
