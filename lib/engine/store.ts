/**
 * The engine's disk: `${dataDir}/engine/{uploads,results,tasks}`. Tasks are one JSON file each, written
 * atomically (temp file + rename) so a crash never leaves half a task behind; that is what makes resume safe.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AspectRatio, OutputFormat, Quality, Resolution } from '@/lib/jobs/options';
import { FILE_NAME, TASK_ID } from './files';

export type EngineTaskStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

/** What a create request asked for, after validation, with references resolved to stored file names. */
export interface EngineTaskRequest {
  prompt: string;
  size: AspectRatio;
  resolution: Resolution;
  quality: Quality;
  n: number;
  outputFormat: OutputFormat;
  outputCompression: number | null;
  imageFiles: string[];
  maskFile: string | null;
}

export interface EngineTask {
  id: string;
  model: string;
  status: EngineTaskStatus;
  progress: number;
  /** Unix seconds, like the API. */
  createdAt: number;
  completedAt: number | null;
  expiresAt: number | null;
  request: EngineTaskRequest;
  /** Stored result names; URLs are built when answering, so a new port after a restart still works. */
  resultFiles: string[];
  error: { code: string; message: string } | null;
}

export interface EngineStore {
  init(): Promise<void>;
  saveUpload(bytes: Uint8Array, ext: string): Promise<string>;
  writeResult(name: string, bytes: Uint8Array): Promise<void>;
  /** A stored upload or result by name, or null when the name is not ours or the file is gone. */
  readFile(name: string): Promise<Buffer | null>;
  hasFile(name: string): Promise<boolean>;
  saveTask(task: EngineTask): Promise<void>;
  loadTask(id: string): Promise<EngineTask | null>;
  listTasks(): Promise<EngineTask[]>;
}

/** The one write the store makes; replaceable so tests can make the disk "full". */
export interface EngineStoreIo {
  writeFile(file: string, data: Uint8Array | string): Promise<void>;
}

export function createEngineStore(dataDir: string, io: EngineStoreIo = { writeFile }): EngineStore {
  const root = path.join(dataDir, 'engine');
  const dirs = {
    uploads: path.join(root, 'uploads'),
    results: path.join(root, 'results'),
    tasks: path.join(root, 'tasks'),
  };

  function filePath(name: string): string | null {
    if (!FILE_NAME.test(name)) return null;
    return path.join(name.startsWith('up_') ? dirs.uploads : dirs.results, name);
  }

  async function atomicWrite(target: string, data: Uint8Array | string): Promise<void> {
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await io.writeFile(tmp, data);
      await rename(tmp, target);
    } catch (error) {
      // A full disk leaves a partial temp file: drop it, so a failed write frees what it took.
      await unlink(tmp).catch(() => {});
      throw error;
    }
  }

  return {
    async init() {
      await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
    },

    async saveUpload(bytes, ext) {
      const name = `up_${randomBytes(12).toString('hex')}.${ext}`;
      await atomicWrite(path.join(dirs.uploads, name), bytes);
      return name;
    },

    async writeResult(name, bytes) {
      const target = filePath(name);
      if (!target || !name.startsWith('res_')) throw new Error(`Bad result name ${name}`);
      await atomicWrite(target, bytes);
    },

    async readFile(name) {
      const target = filePath(name);
      if (!target) return null;
      try {
        return await readFile(/*turbopackIgnore: true*/ target);
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async hasFile(name) {
      const target = filePath(name);
      if (!target) return false;
      try {
        // DATA_DIR is set at run time (any absolute path), so Turbopack cannot scope it; without the hint it traces the whole project.
        return (await stat(/*turbopackIgnore: true*/ target)).isFile();
      } catch {
        return false;
      }
    },

    async saveTask(task) {
      await atomicWrite(path.join(dirs.tasks, `${task.id}.json`), JSON.stringify(task));
    },

    async loadTask(id) {
      if (!TASK_ID.test(id)) return null;
      try {
        return JSON.parse(
          await readFile(/*turbopackIgnore: true*/ path.join(dirs.tasks, `${id}.json`), 'utf8'),
        ) as EngineTask;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async listTasks() {
      const names = (await readdir(/*turbopackIgnore: true*/ dirs.tasks)).filter((n) => n.endsWith('.json'));
      const tasks: EngineTask[] = [];
      for (const name of names) {
        try {
          tasks.push(
            JSON.parse(await readFile(/*turbopackIgnore: true*/ path.join(dirs.tasks, name), 'utf8')) as EngineTask,
          );
        } catch (error) {
          console.warn(`[engine] skipping unreadable task file ${name}:`, (error as Error).message);
        }
      }
      return tasks;
    },
  };
}

export function newTaskId(): string {
  return `img_${randomBytes(12).toString('hex')}`;
}

/** Why a write failed, in words a task's error can carry (the path is left out). */
export function describeWriteFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EDQUOT') return 'the disk quota is used up';
  if (code === 'EROFS') return 'the disk is read-only';
  if (code === 'EACCES' || code === 'EPERM') return 'the data directory is not writable';
  return typeof code === 'string' ? `a write failed (${code})` : 'a write failed';
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ENOENT';
}
