/**
 * A small FIFO that runs at most `concurrency` tasks at a time. Work starts on a later tick, never inside the
 * request that queued it. `close()` aborts running work at its next stage boundary and waits for it to stop; what
 * was not finished stays queued/in_progress on disk and is resumed by the next engine.
 */

export interface WorkQueue {
  push(id: string): void;
  /** Resolves once nothing is running or waiting. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface WorkQueueOptions {
  concurrency: number;
  paused?: boolean;
  run(id: string, signal: AbortSignal): Promise<void>;
}

export function createWorkQueue({ concurrency, paused = false, run }: WorkQueueOptions): WorkQueue {
  const waiting: string[] = [];
  const running = new Map<string, Promise<void>>();
  const controller = new AbortController();
  let idleWaiters: Array<() => void> = [];
  let closed = false;

  function pump(): void {
    while (!closed && !paused && running.size < concurrency && waiting.length > 0) {
      const id = waiting.shift();
      if (id === undefined || running.has(id)) continue;
      const job = run(id, controller.signal)
        .catch((error: unknown) => console.error(`[engine] task ${id} crashed the worker:`, error))
        .finally(() => {
          running.delete(id);
          setImmediate(pump);
          settleIdle();
        });
      running.set(id, job);
    }
    settleIdle();
  }

  function settleIdle(): void {
    if (running.size === 0 && (waiting.length === 0 || paused || closed)) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  return {
    push(id) {
      if (closed || waiting.includes(id) || running.has(id)) return;
      waiting.push(id);
      setImmediate(pump);
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    async close() {
      closed = true;
      waiting.length = 0;
      controller.abort(new Error('engine closing'));
      await Promise.allSettled([...running.values()]);
      settleIdle();
    },
  };
}
