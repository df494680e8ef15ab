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
  /** First wait before a task whose run threw (it could not even record its failure) is run again. Default 2 s. */
  retryDelayMs?: number;
  run(id: string, signal: AbortSignal): Promise<void>;
}

const MAX_RETRY_DELAY_MS = 60_000;

export function createWorkQueue({
  concurrency,
  paused = false,
  retryDelayMs = 2000,
  run,
}: WorkQueueOptions): WorkQueue {
  const waiting: string[] = [];
  const failures = new Map<string, number>();
  const retryTimers = new Set<NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  const controller = new AbortController();
  let idleWaiters: Array<() => void> = [];
  let closed = false;

  function pump(): void {
    while (!closed && !paused && running.size < concurrency && waiting.length > 0) {
      const id = waiting.shift();
      if (id === undefined || running.has(id)) continue;
      const job = run(id, controller.signal)
        .then(() => void failures.delete(id))
        .catch((error: unknown) => {
          // The task is still unfinished on disk (its failure could not be written, e.g. a full disk): run it again
          // later, backing off, rather than leave it queued on disk with nothing working on it.
          const count = (failures.get(id) ?? 0) + 1;
          failures.set(id, count);
          const delay = Math.min(MAX_RETRY_DELAY_MS, retryDelayMs * 2 ** (count - 1));
          console.error(`[engine] task ${id} could not run (attempt ${count}); trying again in ${delay} ms:`, error);
          const timer = setTimeout(() => {
            retryTimers.delete(timer);
            push(id);
          }, delay);
          timer.unref();
          retryTimers.add(timer);
        })
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

  function push(id: string): void {
    if (closed || waiting.includes(id) || running.has(id)) return;
    waiting.push(id);
    setImmediate(pump);
  }

  return {
    push,
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    async close() {
      closed = true;
      waiting.length = 0;
      for (const timer of retryTimers) clearTimeout(timer);
      retryTimers.clear();
      controller.abort(new Error('engine closing'));
      await Promise.allSettled([...running.values()]);
      settleIdle();
    },
  };
}
