/** The engine's worker threads: jobs run off the event loop, and a thread idle for a while is stopped. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMemoryProbe } from '@/lib/testing/memory-probe';
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

  it('gives a finished fill’s memory back at once, while its thread stays for the next job', () => {
    // Resident size before a 2400 × 1600 fill, its peak, and a second after it with the thread still alive (an idle
    // isolate never collects by itself).
    const { grewMb, keptMb, threads } = runMemoryProbe<{ grewMb: number; keptMb: number; threads: number }>(`
      const { createWorkerPool } = await import(${JSON.stringify(fileURLToPath(new URL('./worker-pool.ts', import.meta.url)))});
      const pool = createWorkerPool(1, { idleMs: 60_000 });
      const w = 2400, h = 1600;
      const rgb = new Uint8Array(w * h * 3).map((_, i) => (i * 2654435761) >>> 24);
      const hole = new Uint8Array(w * h);
      for (let y = 500; y < 1100; y++) hole.fill(1, y * w + 800, y * w + 1600);
      const rss = () => process.memoryUsage().rss / 2 ** 20;
      await pool.run('transfer', { width: 1, height: 1, rgb: new Uint8Array(3), references: [new Uint8Array(3)], strength: 1 });
      gc();
      const before = rss();
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, rss())), 10);
      await pool.run('complete', { width: w, height: h, rgb, hole, seed: 0, maxSearchTargets: 0 }, { transfer: [rgb.buffer, hole.buffer] });
      await new Promise((r) => setTimeout(r, 1000));
      clearInterval(timer);
      console.log(JSON.stringify({ grewMb: peak - before, keptMb: rss() - before, threads: pool.threads }));
      await pool.close();`);
    expect(threads).toBe(1);
    // The fill really allocated (about 35 MB); without the collection after the job all of it stayed resident.
    expect(grewMb).toBeGreaterThan(20);
    expect(keptMb).toBeLessThan(grewMb / 4);
  });
});
