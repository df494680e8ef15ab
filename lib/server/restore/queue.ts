import 'server-only';
import { processSingleton } from '@/lib/process-singleton';

/**
 * At most `RESTORE_CONCURRENCY` restorations run at once in this process; the rest wait their turn. The queue
 * cannot grow past the runner's own limit (each waiter is one of its in-flight steps, `runner.ts` CONCURRENCY), so
 * nothing a request does can pile up work here. One at a time: a 4k restoration is CPU work that must leave the
 * other core to the server.
 */
export const RESTORE_CONCURRENCY = 1;

interface Limiter {
  running: number;
  waiting: Array<() => void>;
}

const restoreLimiter = processSingleton<Limiter>('restore-limiter', () => ({ running: 0, waiting: [] }));

function limiter(): Limiter {
  return restoreLimiter.get();
}

/** Runs `work` when a slot is free. */
export async function withRestoreSlot<T>(work: () => Promise<T>): Promise<T> {
  const state = limiter();
  if (state.running >= RESTORE_CONCURRENCY) await new Promise<void>((resolve) => state.waiting.push(resolve));
  state.running++;
  try {
    return await work();
  } finally {
    state.running--;
    state.waiting.shift()?.();
  }
}
