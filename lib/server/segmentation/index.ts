import 'server-only';
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import { MAX_PIXELS } from '@/lib/references/rules';
import { sharedWorkLimit } from '../work-limit';

/** The foreground probability (0 background … 255 subject) at the image's displayed (EXIF-applied) size. */
export interface Segmentation {
  width: number;
  height: number;
  foreground: Uint8Array;
}

export type SegmentProgress = (progress: number, stage: string) => void;

export interface SegmentOptions {
  onProgress?: SegmentProgress;
  /** The client left: a waiting request is dropped, a running one ends its child process (the model with it). */
  signal?: AbortSignal;
  /** The child refuses, from the header, an image with more pixels than this before decoding it. */
  maxPixels?: number;
}

/**
 * One segmentation runs at a time (the model takes every core and up to 1.8 GB) and two may wait; beyond that the
 * route answers 429. Requests take their place before their upload is read, so a waiting one holds no image.
 */
export const SEGMENT_LIMIT = { concurrency: 1, queue: 2 };

export function segmentationLimit() {
  return sharedWorkLimit('segmentation', SEGMENT_LIMIT);
}

/** After this long without work the child (and the 1.2–1.8 GB model) is let go. */
const IDLE_MS = 60_000;
/** A segmentation that takes longer than this has hung; the child is killed. */
const TIMEOUT_MS = 180_000;

interface Pending {
  child: ChildProcess;
  resolve: (result: Segmentation) => void;
  reject: (error: Error) => void;
  onProgress: SegmentProgress;
  timer: NodeJS.Timeout;
}

/**
 * Runs the offline segmentation model (@imgly/background-removal-node) in a forked child process, so
 * the server's event loop keeps answering other requests while it works. One child, reused while busy
 * (the model stays loaded), requests queued one at a time, the child ended after `IDLE_MS` idle.
 */
class Segmenter {
  #child: ChildProcess | null = null;
  #next = 1;
  readonly #pending = new Map<number, Pending>();
  #queue: Promise<unknown> = Promise.resolve();
  #idle: NodeJS.Timeout | null = null;

  segment(image: Uint8Array, options: SegmentOptions = {}): Promise<Segmentation> {
    const run = this.#queue.then(() => this.#run(image, options));
    this.#queue = run.catch(() => {});
    return run;
  }

  #run(
    image: Uint8Array,
    { onProgress = () => {}, signal, maxPixels = MAX_PIXELS }: SegmentOptions,
  ): Promise<Segmentation> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.#idle) clearTimeout(this.#idle);
    const child = this.#start();
    const id = this.#next++;
    let onAbort = () => {};
    return new Promise<Segmentation>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        this.#kill(child);
        reject(new Error('segmentation timed out'));
      }, TIMEOUT_MS);
      this.#pending.set(id, { child, resolve, reject, onProgress, timer });
      // Nobody is waiting for the answer any more: stop the work rather than finish it for no one.
      onAbort = () => {
        clearTimeout(timer);
        this.#pending.delete(id);
        this.#kill(child);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      child.send({ id, image, maxPixels });
    }).finally(() => {
      signal?.removeEventListener('abort', onAbort);
      if (this.#pending.size === 0) this.#idle = setTimeout(() => this.#stop(), IDLE_MS);
    });
  }

  #start(): ChildProcess {
    if (this.#child && this.#child.connected) return this.#child;
    // process.cwd() is the app root under `next start` and in tests; the script is never bundled.
    // turbopackIgnore: the child is a plain Node script run by path, not a module for the bundler to resolve.
    const script = path.join(
      /* turbopackIgnore: true */ process.cwd(),
      'lib',
      'server',
      'segmentation',
      'segment-child.mjs',
    );
    const child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on(
      'message',
      (message: { id: number; progress?: number; stage?: string; error?: string } & Partial<Segmentation>) => {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        if (message.progress !== undefined) {
          pending.onProgress(message.progress, message.stage ?? '');
          return;
        }
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.error || !message.foreground || !message.width || !message.height) {
          pending.reject(new Error(message.error ?? 'segmentation returned nothing'));
        } else {
          pending.resolve({
            width: message.width,
            height: message.height,
            foreground: new Uint8Array(message.foreground),
          });
        }
      },
    );
    child.on('exit', () => {
      if (this.#child === child) this.#child = null;
      for (const [id, pending] of this.#pending) {
        // Only this child's work: a newer child may already be serving the next request.
        if (pending.child !== child) continue;
        clearTimeout(pending.timer);
        pending.reject(new Error('the segmentation process ended'));
        this.#pending.delete(id);
      }
    });
    try {
      // Lower priority: onnxruntime takes every core; the web server must keep answering first.
      if (child.pid) setPriority(child.pid, 10);
    } catch {
      // Not permitted on some systems; it still runs off the event loop.
    }
    this.#child = child;
    return child;
  }

  /** Ends a child now and forgets it at once, so the next request forks a fresh one instead of the dying one. */
  #kill(child: ChildProcess): void {
    child.kill('SIGKILL');
    if (this.#child === child) this.#child = null;
  }

  #stop(): void {
    this.#child?.kill();
    this.#child = null;
  }
}

function abortError(): Error {
  return Object.assign(new Error('segmentation cancelled: the client left'), { name: 'AbortError' });
}

const globalKey = Symbol.for('overpaint.segmenter');
type WithSegmenter = typeof globalThis & { [globalKey]?: Segmenter };

/** The process-wide segmenter (created lazily, never at import, so `next build` does not start it). */
export function getSegmenter(): Segmenter {
  const scope = globalThis as WithSegmenter;
  scope[globalKey] ??= new Segmenter();
  return scope[globalKey];
}
