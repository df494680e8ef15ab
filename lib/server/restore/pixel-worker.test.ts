/** The restoration's worker thread gives a finished job's memory back at once, not when it is let go. */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runMemoryProbe } from '@/lib/testing/memory-probe';

it('gives a 2400 × 1600 restoration’s memory back at once, while its thread stays for the next job', () => {
  // Resident size before the job, its peak, and a second after it with the thread alive and the probe's own arrays
  // dropped (the worker's script is found from the app root, as under `next start`).
  const { restored, grewMb, keptMb } = runMemoryProbe<{ restored: boolean; grewMb: number; keptMb: number }>(
    `
    const { restorePixelsOffThread } = await import(${JSON.stringify(fileURLToPath(new URL('./pixel-worker.ts', import.meta.url)))});
    const width = 2400, height = 1600;
    let base = new Uint8Array(width * height * 4).map((_, i) => (i * 2654435761) >>> 24);
    let keep = new Uint8Array(width * height).fill(255);
    for (let y = 500; y < 1100; y++) keep.fill(0, y * width + 800, y * width + 1600);
    const rss = () => process.memoryUsage().rss / 2 ** 20;
    await restorePixelsOffThread({ base: new Uint8Array(16), output: new Uint8Array(16), keep: new Uint8Array(4), width: 2, height: 2 });
    gc();
    const before = rss();
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, rss())), 10);
    let result = await restorePixelsOffThread({ base, output: base.slice(), keep, width, height });
    const restored = result.pixels !== null;
    result = base = keep = null;
    await new Promise((r) => setTimeout(r, 1000));
    gc();
    clearInterval(timer);
    console.log(JSON.stringify({ restored, grewMb: peak - before, keptMb: rss() - before }));
    process.exit(0);`,
    { reactServer: true },
  );
  expect(restored).toBe(true);
  // The job really allocated (about 95 MB); without the collection after it, the worker kept nearly all of it.
  expect(grewMb).toBeGreaterThan(40);
  expect(keptMb).toBeLessThan(grewMb / 3);
});
