import 'server-only';
import { processSingleton } from '@/lib/process-singleton';

/**
 * A cap on heavy work this process runs at once, with a bounded wait: at most `concurrency` run, at most `queue`
 * wait, and anything past that is refused at once so the caller answers 429 ("busy, try again") instead of
 * piling requests (and the uploads they hold) up in memory. Per process on purpose: what it protects is this
 * process's memory and CPU, so each instance has its own.
 */
export interface WorkLimit {
  /**
   * A slot, or null when every slot and every waiting place is taken (busy), or the signal aborted while waiting.
   * Call the returned release exactly once.
   */
  acquire(signal?: AbortSignal): Promise<(() => void) | null>;
  /** Running and waiting now (tests, health). */
  load(): { running: number; waiting: number };
}

export function createWorkLimit({ concurrency, queue }: { concurrency: number; queue: number }): WorkLimit {
  let running = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  function slot(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }

  return {
    async acquire(signal) {
      if (signal?.aborted) return null;
      if (running < concurrency) {
        running++;
        return slot();
      }
      if (waiting.length >= queue) return null;
      return new Promise((resolve) => {
        const start = () => {
          signal?.removeEventListener('abort', abort);
          resolve(slot()); // the running count passes from the releaser to this waiter unchanged
        };
        const abort = () => {
          const index = waiting.indexOf(start);
          if (index >= 0) waiting.splice(index, 1);
          resolve(null);
        };
        waiting.push(start);
        signal?.addEventListener('abort', abort, { once: true });
      });
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}

const workLimits = processSingleton('work-limits', () => new Map<string, WorkLimit>());

/** One limit per name for the whole process (route handlers and actions may live in separate module copies). */
export function sharedWorkLimit(name: string, options: { concurrency: number; queue: number }): WorkLimit {
  const limits = workLimits.get();
  let limit = limits.get(name);
  if (!limit) {
    limit = createWorkLimit(options);
    limits.set(name, limit);
  }
  return limit;
}
