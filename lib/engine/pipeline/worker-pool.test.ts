/** The engine's worker threads: jobs run off the event loop, and a thread idle for a while is stopped. */
import { describe, expect, it } from 'vitest';
import { createWorkerPool } from './worker-pool';

/** A colour transfer on a 4 × 4 image: the smallest real job a worker runs. */
const job = () => ({
  width: 4,
  height: 4,
  rgb: new Uint8Array(4 * 4 * 3).fill(90),
  references: [new Uint8Array(2 * 2 * 3).fill(180)],
  strength: 1,
});

describe('the engine worker pool', () => {
  it('stops a thread that sat idle, and starts a fresh one for the next job', async () => {
    const pool = createWorkerPool(1, { idleMs: 100 });
    try {
      await pool.run('transfer', job());
      expect(pool.threads).toBe(1);
      await expect.poll(() => pool.threads, { timeout: 5_000 }).toBe(0);
      // A new job after the stop gets a new thread and its answer.
      const { rgb } = await pool.run('transfer', job());
      expect(rgb).toHaveLength(4 * 4 * 3);
      expect(pool.threads).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
