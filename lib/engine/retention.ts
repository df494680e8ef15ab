/**
 * How long the offline engine keeps its disk. Its tasks are followed by our runner, which mirrors each result into
 * the studio's own store within seconds of completion, so the engine's copies are only needed for a while (the API
 * it imitates lets result links expire after 24 h). Called by the storage collector (lib/server/gc).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { FILE_NAME } from './files';
import { createEngineStore } from './store';

export interface EngineRetentionReport {
  tasks: number;
  files: number;
  bytes: number;
}

/** A write still in progress is never this old; one a crash left behind is. */
const TEMP_AGE_MS = 60 * 60_000;

/**
 * Deletes finished tasks (completed or failed) that ended before `before`, with their uploads and results, then
 * any upload or result no remaining task names that is older than `before`, and temporary files older than an hour.
 * Unfinished tasks and everything they name are kept, whatever their age.
 */
export async function pruneEngineFiles(
  dataDir: string,
  before: Date,
  now = new Date(),
): Promise<EngineRetentionReport> {
  const store = createEngineStore(dataDir);
  const root = path.join(dataDir, 'engine');
  const report: EngineRetentionReport = { tasks: 0, files: 0, bytes: 0 };
  const tasks = await store.listTasks().catch((error: unknown) => {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  });
  const kept = new Set<string>();
  for (const task of tasks) {
    const finished = task.status === 'completed' || task.status === 'failed';
    const endedAt = (task.completedAt ?? task.createdAt) * 1000;
    if (finished && endedAt < before.getTime()) {
      await rm(path.join(root, 'tasks', `${task.id}.json`), { force: true });
      report.tasks += 1;
      continue;
    }
    for (const name of [...task.request.imageFiles, task.request.maskFile, ...task.resultFiles])
      if (name) kept.add(name);
  }
  for (const folder of ['uploads', 'results', 'tasks']) {
    const dir = path.join(root, folder);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) continue;
      const abandoned = name.endsWith('.tmp') && info.mtime.getTime() < now.getTime() - TEMP_AGE_MS;
      const unneeded = folder !== 'tasks' && FILE_NAME.test(name) && !kept.has(name) && info.mtime < before;
      if (!abandoned && !unneeded) continue;
      await rm(file, { force: true });
      report.files += 1;
      report.bytes += info.size;
    }
  }
  return report;
}
