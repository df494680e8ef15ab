import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSegmenter } from './index';

const samples = process.env.OVERPAINT_SAMPLES_DIR ?? path.resolve(__dirname, '../../../../shared/samples');

describe('segmentation (offline model in a child process)', () => {
  it('finds the cup in coffee.png at the base size, reports progress, and keeps the event loop free', async () => {
    const image = readFileSync(path.join(samples, 'coffee.png'));
    const progress: number[] = [];
    // Event-loop lag while the model runs: the server must keep answering other requests.
    // (On a busy 2-core box a timer can run late; a blocked loop would not run at all for the whole inference.)
    let ticks = 0;
    const started = performance.now();
    const timer = setInterval(() => ticks++, 20);
    const result = await getSegmenter().segment(image, { onProgress: (p) => progress.push(p) });
    clearInterval(timer);
    const expectedTicks = (performance.now() - started) / 20;

    expect([result.width, result.height]).toEqual([600, 400]);
    expect(result.foreground).toHaveLength(600 * 400);
    const at = (x: number, y: number) => result.foreground[y * 600 + x]!;
    expect(at(291, 152)).toBeGreaterThan(128); // inside the cup (coffee-mask.png's ellipse centre)
    expect(at(5, 5)).toBeLessThan(128); // the table in the corner
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(1);
    expect(ticks).toBeGreaterThan(expectedTicks * 0.5);
  }, 180_000);
});
