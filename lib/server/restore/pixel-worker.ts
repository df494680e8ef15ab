import 'server-only';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Drift } from '@/lib/restore/drift';
import type { RestoreInput, RestoreOutput } from '@/lib/restore/restore';
import { processSingleton } from '@/lib/process-singleton';

/**
 * A worker that has had nothing to do for this long is let go: it holds the restore modules (~30 MB) and a heap
 * grown to the last image's size.
 */
const IDLE_MS = 15_000;

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/**
 * One worker thread per process for the restoration's pixel work. Callers are already one at a time
 * (`withRestoreSlot`), so this keeps no queue of its own; a worker that dies fails its job and the next call starts
 * a new one. Replies are plain values (no error objects cross the thread).
 */
class PixelWorker {
  #worker: Worker | null = null;
  #ready: Promise<void> | null = null;
  #next = 1;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #idle: NodeJS.Timeout | null = null;

  async call<T>(kind: 'restore' | 'drift', input: RestoreInput): Promise<T> {
    if (this.#idle) clearTimeout(this.#idle);
    const worker = await this.#start();
    const id = this.#next++;
    try {
      return (await new Promise<unknown>((resolve, reject) => {
        this.#pending.set(id, { resolve, reject });
        worker.postMessage({ id, kind, input });
      })) as T;
    } finally {
      this.#pending.delete(id);
      if (this.#pending.size === 0) this.#idle = setTimeout(() => this.#stop(), IDLE_MS).unref();
    }
  }

  #start(): Promise<Worker> {
    if (this.#worker && this.#ready) return this.#ready.then(() => this.#worker!);
    // process.cwd() is the app root under `next start` and in tests; the script is never bundled.
    const script = path.join(/* turbopackIgnore: true */ process.cwd(), 'lib', 'server', 'restore', 'pixel-thread.mjs');
    const worker = new Worker(script);
    this.#worker = worker;
    this.#ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.on('message', (reply: Reply | { ready: true }) => {
      if (!('id' in reply)) return;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(new Error(reply.message));
    });
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', (code) => this.#fail(worker, new Error(`the restore worker stopped (exit code ${code})`)));
    return this.#ready.then(() => worker);
  }

  #fail(worker: Worker, error: Error) {
    if (this.#worker !== worker) return;
    this.#worker = null;
    this.#ready = null;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  #stop() {
    const worker = this.#worker;
    this.#worker = null;
    this.#ready = null;
    void worker?.terminate();
  }
}

const sharedPixelWorker = processSingleton('restore-pixel-worker', () => new PixelWorker());

function pixelWorker(): PixelWorker {
  return sharedPixelWorker.get();
}

/** `restorePixels` off the event loop. */
export function restorePixelsOffThread(input: RestoreInput): Promise<RestoreOutput> {
  return pixelWorker().call<RestoreOutput>('restore', input);
}

/** `measureDrift` off the event loop. */
export function measureDriftOffThread(input: RestoreInput): Promise<Drift> {
  return pixelWorker().call<Drift>('drift', input);
}
