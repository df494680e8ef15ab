import 'server-only';
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import type { AcceptedType } from '@/lib/references/rules';

/** A decode that has not finished by then has hung or is a bomb the header checks missed; its process is killed. */
export const DECODE_TIMEOUT_MS = 20_000;
/** Uploads waiting for the decoder beyond the one it works on; more are answered "busy" instead of queued. */
export const MAX_WAITING = 4;
/** After this long without work the child is let go (it costs ~60 MB idle). */
const IDLE_MS = 60_000;

export interface DecodeRequest {
  bytes: Uint8Array;
  type: AcceptedType;
  /** The pixel count the header declared: the decoder refuses anything larger. */
  pixels: number;
  /** Convert to PNG (everything but PNG and JPEG, which are stored as given). */
  convert: boolean;
}

export type DecodeOutcome =
  | { ok: true; png: Uint8Array | null; thumb: Uint8Array; width?: number; height?: number }
  | { ok: false; reason: 'busy' | 'timeout' | 'failed'; detail: string };

interface Pending {
  resolve: (outcome: DecodeOutcome) => void;
  timer: NodeJS.Timeout;
  child: ChildProcess;
}

/**
 * Decodes references in one forked child process, one at a time, with a short queue and a deadline. Measured on
 * this 2-core machine, four large progressive decodes in the web process made an unrelated sharp read wait 8.8 s
 * (they fill libuv's 4 threads); in a child they cannot touch the server's pool, and a kill ends any decode.
 * Outcomes are plain values, never thrown errors, so no `instanceof` crosses the module layers.
 */
class Decoder {
  #child: ChildProcess | null = null;
  #next = 1;
  #waiting = 0;
  readonly #pending = new Map<number, Pending>();
  #queue: Promise<unknown> = Promise.resolve();
  #idle: NodeJS.Timeout | null = null;

  decode(request: DecodeRequest, timeoutMs = DECODE_TIMEOUT_MS): Promise<DecodeOutcome> {
    if (this.#waiting >= MAX_WAITING)
      return Promise.resolve({ ok: false, reason: 'busy', detail: 'decode queue full' });
    this.#waiting++;
    const run = this.#queue.then(() => {
      this.#waiting--;
      return this.#run(request, timeoutMs);
    });
    this.#queue = run;
    return run;
  }

  #run(request: DecodeRequest, timeoutMs: number): Promise<DecodeOutcome> {
    if (this.#idle) clearTimeout(this.#idle);
    const child = this.#start();
    const id = this.#next++;
    return new Promise<DecodeOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        // Forget it now: it stays `connected` until its exit is processed, and the next decode needs a new one.
        if (this.#child === child) this.#child = null;
        child.kill('SIGKILL');
        resolve({ ok: false, reason: 'timeout', detail: `decode took over ${timeoutMs} ms` });
      }, timeoutMs);
      this.#pending.set(id, { resolve, timer, child });
      child.send({
        id,
        bytes: request.bytes,
        type: request.type,
        maxPixels: Math.max(1, request.pixels),
        convert: request.convert,
        seconds: Math.ceil(timeoutMs / 1000),
      });
    }).finally(() => {
      if (this.#pending.size === 0) this.#idle = setTimeout(() => this.#stop(), IDLE_MS);
    });
  }

  #start(): ChildProcess {
    if (this.#child && this.#child.connected) return this.#child;
    // process.cwd() is the app root under `next start` and in tests; the script is never bundled.
    const script = path.join(/* turbopackIgnore: true */ process.cwd(), 'lib', 'server', 'images', 'decode-child.mjs');
    const child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on(
      'message',
      (message: {
        id: number;
        error?: string;
        png?: Uint8Array | null;
        thumb?: Uint8Array;
        width?: number;
        height?: number;
      }) => {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.error || !message.thumb)
          pending.resolve({ ok: false, reason: 'failed', detail: message.error ?? 'no output' });
        else
          pending.resolve({
            ok: true,
            png: message.png ? new Uint8Array(message.png) : null,
            thumb: new Uint8Array(message.thumb),
            width: message.width,
            height: message.height,
          });
      },
    );
    child.on('exit', () => {
      if (this.#child === child) this.#child = null;
      for (const [id, pending] of this.#pending) {
        // A killed child's exit arrives after the next decode went to its replacement: end only its own.
        if (pending.child !== child) continue;
        clearTimeout(pending.timer);
        pending.resolve({ ok: false, reason: 'failed', detail: 'the decoding process ended' });
        this.#pending.delete(id);
      }
    });
    child.unref();
    child.channel?.unref();
    try {
      // The web server answers first; a decode may wait.
      if (child.pid) setPriority(child.pid, 10);
    } catch {
      // Not permitted on some systems; it still runs outside the server's thread pool.
    }
    this.#child = child;
    return child;
  }

  #stop(): void {
    this.#child?.kill();
    this.#child = null;
  }
}

const globalKey = Symbol.for('overpaint.image-decoder');
type WithDecoder = typeof globalThis & { [globalKey]?: Decoder };

/** The process-wide decoder (created lazily, never at import, so `next build` does not start it). */
export function imageDecoder(): Decoder {
  const scope = globalThis as WithDecoder;
  scope[globalKey] ??= new Decoder();
  return scope[globalKey];
}
