/**
 * Worker threads for the pixel kernels, so the server's event loop never runs them.
 *
 * Why an eval'd worker: a worker file would have to survive Next's bundler (Turbopack rewrites or drops a
 * separate `.ts` entry, and the production server has no TypeScript loader). The kernels are self-contained
 * functions, so their compiled source text *is* the worker: `fn.toString()` gives plain JavaScript in vitest, in
 * `next dev` and in a `next build`, with nothing to resolve on disk. `e2e/engine.spec.ts` proves it on the
 * production build.
 *
 * Size: `availableParallelism() − 1` workers (at least 1), so one core stays free for the server; further jobs wait.
 * A worker idle for `idleMs` is stopped: its heap grew to the last image's size (a 4k fill leaves ~100 MB per
 * thread), and a fresh one starts in milliseconds when the next task comes.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { completeKernel, type CompleteInput, type CompleteOutput } from './kernels/complete';
import { transferKernel, type TransferInput, type TransferOutput } from './kernels/transfer';
import { processSingleton } from '@/lib/process-singleton';

interface Kernels {
  complete: { input: CompleteInput; output: CompleteOutput };
  transfer: { input: TransferInput; output: TransferOutput };
}
export type KernelName = keyof Kernels;

// `__name`: esbuild's keepNames (tsx, used by the benchmark) wraps nested functions in a helper that lives in the
// module, not in the function text; a no-op stand-in keeps the kernels' text runnable on its own.
// `collect`: an idle isolate never runs its garbage collector, so a finished 4k fill's arrays (~150 MB) stayed
// resident until the thread was stopped. One full collection after each job gives them back at once. `gc` is
// taken from a fresh context with the flag on only for that moment (jest's leak detector does the same); if a
// future Node refuses, the idle stop below still frees the memory.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let collect = () => {};
try {
  const v8 = require('node:v8');
  v8.setFlagsFromString('--expose-gc');
  collect = require('node:vm').runInNewContext('gc');
  v8.setFlagsFromString('--no-expose-gc');
} catch {}
var __name = (fn) => fn;
const kernels = { complete: (${completeKernel.toString()}), transfer: (${transferKernel.toString()}) };
parentPort.on('message', ({ id, kernel, input }) => {
  let sent = -1;
  const report = (done, total) => {
    const progress = total > 0 ? Math.min(1, done / total) : 1;
    if (progress - sent < 0.01 && progress < 1) return;
    sent = progress;
    parentPort.postMessage({ id, progress });
  };
  try {
    const output = kernels[kernel](input, report);
    const buffers = Object.values(output).filter((v) => ArrayBuffer.isView(v)).map((v) => v.buffer);
    parentPort.postMessage({ id, output }, buffers);
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
  setImmediate(collect);
});
`;

interface Job {
  id: number;
  kernel: KernelName;
  input: unknown;
  transfer: ArrayBuffer[];
  onProgress?: (fraction: number) => void;
  resolve(output: unknown): void;
  reject(error: Error): void;
  signal?: AbortSignal;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  idle: NodeJS.Timeout | null;
}

export interface RunOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Buffers to move (not copy) into the worker; the caller must not use them afterwards. */
  transfer?: ArrayBuffer[];
}

export interface WorkerPool {
  run<K extends KernelName>(kernel: K, input: Kernels[K]['input'], options?: RunOptions): Promise<Kernels[K]['output']>;
  readonly size: number;
  /** Jobs running now (for tests and the benchmark). */
  readonly busy: number;
  /** Worker threads alive now, busy or idle (for tests). */
  readonly threads: number;
  close(): Promise<void>;
}

/** How long a worker may sit idle before it is stopped (and its memory given back). */
export const WORKER_IDLE_MS = 15_000;

/**
 * A pool of `size` workers, started on demand, unref'd while idle so they never hold the process open, and stopped
 * after `idleMs` without work.
 */
export function createWorkerPool(size = defaultPoolSize(), { idleMs = WORKER_IDLE_MS } = {}): WorkerPool {
  const slots: Slot[] = [];
  const waiting: Job[] = [];
  let nextId = 1;

  function spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const slot: Slot = { worker, job: null, idle: null };
    worker.on('message', (message: { id: number; progress?: number; output?: unknown; error?: string }) => {
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      if (message.progress !== undefined) {
        job.onProgress?.(message.progress);
        return;
      }
      finish(slot);
      if (message.error !== undefined) job.reject(new Error(`Engine worker failed: ${message.error}`));
      else job.resolve(message.output);
    });
    worker.on('error', (error) => {
      const job = slot.job;
      retire(slot);
      job?.reject(error);
    });
    worker.on('exit', () => {
      const job = slot.job;
      retire(slot);
      job?.reject(new Error('Engine worker stopped'));
    });
    slots.push(slot);
    return slot;
  }

  function retire(slot: Slot): void {
    if (slot.idle) clearTimeout(slot.idle);
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    slot.job = null;
    setImmediate(pump);
  }

  function finish(slot: Slot): void {
    slot.job = null;
    slot.worker.unref();
    slot.idle = setTimeout(() => {
      if (slot.job !== null) return;
      // Out of the pool first, so no job is handed to a thread on its way out; a job arriving sooner cleared this.
      retire(slot);
      void slot.worker.terminate();
    }, idleMs);
    slot.idle.unref();
    setImmediate(pump);
  }

  function start(slot: Slot, job: Job): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage({ id: job.id, kernel: job.kernel, input: job.input }, job.transfer);
    // A closing engine must not wait for a 4k fill: stop the thread; a fresh one replaces it on demand.
    job.signal?.addEventListener('abort', () => {
      if (slot.job === job) void slot.worker.terminate();
    });
  }

  function pump(): void {
    while (waiting.length > 0) {
      const job = waiting[0]!;
      if (job.signal?.aborted) {
        waiting.shift();
        job.reject(new Error('aborted'));
        continue;
      }
      let slot = slots.find((s) => s.job === null);
      if (!slot && slots.length < size) slot = spawn();
      if (!slot) return;
      waiting.shift();
      start(slot, job);
    }
  }

  return {
    size,
    get busy() {
      return slots.filter((s) => s.job !== null).length;
    },
    get threads() {
      return slots.length;
    },
    run(kernel, input, options = {}) {
      return new Promise((resolve, reject) => {
        options.signal?.throwIfAborted();
        waiting.push({
          id: nextId++,
          kernel,
          input,
          transfer: options.transfer ?? [],
          onProgress: options.onProgress,
          signal: options.signal,
          resolve: resolve as (output: unknown) => void,
          reject,
        });
        pump();
      });
    },
    async close() {
      for (const job of waiting.splice(0)) job.reject(new Error('Engine worker pool closed'));
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

/** Cores − 1, at least one: the event loop keeps a core to answer page loads while the engine works. */
export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

const pool = processSingleton('engine-worker-pool', () => createWorkerPool());

/** The process-wide pool, shared by every bundle (route handlers and server actions may be separate graphs). */
export function sharedWorkerPool(): WorkerPool {
  return pool.get();
}
