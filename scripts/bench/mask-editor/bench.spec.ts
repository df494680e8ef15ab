import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { expect, test } from '../../../e2e/support/fixtures';
import { MaskEditorPage } from '../../../e2e/pages/mask-editor-page';
import { StudioPage } from '../../../e2e/pages/studio-page';

/**
 * Mask editor on a 4096 × 4096 base, real Chromium, real input (CDP mouse events):
 *  - pointer-to-paint: from each pointermove's event.timeStamp to the end of the frame that drew it
 *    (a task posted from the frame's rAF runs after that frame's rendering update), and the
 *    editor's own work per frame (its rAF callback);
 *  - the same after 200 strokes, plus every long animation frame (> 50 ms, LoAF API) while drawing;
 *  - mask export (worker) vs sharp encoding the same RGBA pixels to PNG in Node;
 *  - JS heap after GC.
 */

const REPO = path.resolve(__dirname, '../../..');
const LARGE_DIR = process.env.OVERPAINT_LARGE_DIR ?? '/tmp/overpaint-large';
const SAMPLES = process.env.OVERPAINT_SAMPLES_DIR ?? path.resolve(REPO, '..', 'shared', 'samples');

function largeBase(): string {
  const file = path.join(LARGE_DIR, 'coffee-4096.png');
  if (!existsSync(file)) {
    mkdirSync(LARGE_DIR, { recursive: true });
    execFileSync(process.execPath, [path.join(SAMPLES, 'make-large.mjs'), LARGE_DIR], { cwd: REPO, stdio: 'inherit' });
  }
  return file;
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  const r = (v: number) => Math.round(v * 10) / 10;
  return { n: sorted.length, p50: r(q(0.5)), p95: r(q(0.95)), max: r(sorted.at(-1) ?? NaN) };
};

test('mask editor on a 4096² base', async ({ page }) => {
  const file = largeBase();
  await page.setViewportSize({ width: 1400, height: 1000 });
  const studio = new StudioPage(page);
  const mask = new MaskEditorPage(page);
  await studio.goto();
  await studio.addFiles(file);
  await expect(mask.root).toContainText('Mask fits the base image, 4096 × 4096', { timeout: 120_000 });
  await expect(mask.root.getByText('Loading image…')).toBeHidden({ timeout: 60_000 });
  await page.waitForTimeout(1000); // the display proxy is made right after the image loads

  // Instrumentation inside the page: latency per pointermove and the editor's render time per frame.
  await mask.canvasArea.evaluate((el) => {
    const w = window as unknown as Record<string, unknown>;
    const latencies: number[] = [];
    const work: number[] = [];
    const longFrames: number[] = [];
    w.__bench = { latencies, work, longFrames, recording: false };
    const bench = w.__bench as { recording: boolean };
    const channel = new MessageChannel();
    let waiting: number[] = [];
    channel.port1.onmessage = () => {
      const now = performance.now();
      for (const t of waiting) latencies.push(now - t);
      waiting = [];
    };
    el.addEventListener(
      'pointermove',
      (event) => {
        if (!bench.recording || (event as PointerEvent).buttons === 0) return;
        waiting.push(event.timeStamp);
        // After this frame's rAF callbacks (the editor's render is one of them) and its rendering update.
        if (waiting.length === 1) requestAnimationFrame(() => channel.port2.postMessage(0));
      },
      { capture: true },
    );
    new PerformanceObserver((list) => {
      if (!bench.recording) return;
      for (const entry of list.getEntries()) longFrames.push(entry.duration);
    }).observe({ type: 'long-animation-frame', buffered: false });
    // The editor's render work: wrap requestAnimationFrame callbacks registered by the editor while drawing.
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) =>
      raf((t) => {
        const start = performance.now();
        cb(t);
        if (bench.recording) work.push(performance.now() - start);
      });
  });

  const box = await mask.box();
  const stroke = async (i: number, moves: number, pause: number) => {
    const y = box.y + box.height * (0.1 + ((i * 37) % 80) / 100);
    const x0 = box.x + box.width * 0.15;
    const span = box.width * 0.7;
    await page.mouse.move(x0, y);
    await page.mouse.down();
    for (let k = 1; k <= moves; k++) {
      await page.mouse.move(x0 + (span * k) / moves, y + Math.sin(k / 3) * 20);
      if (pause) await page.waitForTimeout(pause);
    }
    await page.mouse.up();
  };
  const record = async (on: boolean) =>
    page.evaluate((value) => {
      const b = (
        window as unknown as {
          __bench: { recording: boolean; latencies: number[]; work: number[]; longFrames: number[] };
        }
      ).__bench;
      b.recording = value;
      if (value) b.latencies.length = b.work.length = b.longFrames.length = 0;
      return { latencies: [...b.latencies], work: [...b.work], longFrames: [...b.longFrames] };
    }, on);

  await record(true);
  for (let i = 0; i < 10; i++) await stroke(i, 30, 8);
  const fresh = await record(false);

  for (let i = 10; i < 190; i++) await stroke(i, 6, 0);
  await record(true);
  for (let i = 190; i < 200; i++) await stroke(i, 30, 8);
  const after = await record(false);
  const depth = await mask.canvasArea.evaluate((el) => {
    const doc = (el as unknown as { maskEditor: { document: { undoDepth: number; retainedBytes: number } } }).maskEditor
      .document;
    return { undoDepth: doc.undoDepth, maskBitmapsMB: Math.round(doc.retainedBytes / 1048576) };
  });

  // Export (worker) three times, best and median; then sharp on the same pixels.
  const exportRuns = await mask.canvasArea.evaluate(async (el) => {
    const editor = (el as unknown as { maskEditor: { exportMaskPng(): Promise<Blob> } }).maskEditor;
    const times: number[] = [];
    let bytes = '';
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const blob = await editor.exportMaskPng();
      times.push(performance.now() - start);
      if (i === 0) {
        const buffer = new Uint8Array(await blob.arrayBuffer());
        let s = '';
        for (let j = 0; j < buffer.length; j += 0x8000) s += String.fromCharCode(...buffer.subarray(j, j + 0x8000));
        bytes = btoa(s);
      }
    }
    return { times, bytes };
  });
  const png = Buffer.from(exportRuns.bytes, 'base64');
  const raw = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([raw.info.width, raw.info.height]).toEqual([4096, 4096]);
  const sharpTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await sharp(raw.data, { raw: { width: 4096, height: 4096, channels: 4 } })
      .png()
      .toBuffer();
    sharpTimes.push(performance.now() - start);
  }

  // The browser's own floor: the same measurement and the same input over a page that draws nothing. Input is
  // aligned to frames, so an event waits up to one frame (16.7 ms at 60 Hz) before anything can paint it.
  const blank = await page.context().newPage();
  await blank.setViewportSize({ width: 1400, height: 1000 });
  await blank.setContent('<div style="width:100vw;height:100vh;touch-action:none"></div>');
  await blank.evaluate(() => {
    const w = window as unknown as { __floor: number[] };
    w.__floor = [];
    const channel = new MessageChannel();
    let waiting: number[] = [];
    channel.port1.onmessage = () => {
      const now = performance.now();
      for (const t of waiting) w.__floor.push(now - t);
      waiting = [];
    };
    document.addEventListener('pointermove', (event) => {
      if (event.buttons === 0) return;
      waiting.push(event.timeStamp);
      if (waiting.length === 1) requestAnimationFrame(() => channel.port2.postMessage(0));
    });
  });
  for (let i = 0; i < 10; i++) {
    const y = 100 + i * 70;
    await blank.mouse.move(200, y);
    await blank.mouse.down();
    for (let k = 1; k <= 30; k++) {
      await blank.mouse.move(200 + k * 30, y + Math.sin(k / 3) * 20);
      await blank.waitForTimeout(8);
    }
    await blank.mouse.up();
  }
  const floor = stats(await blank.evaluate(() => (window as unknown as { __floor: number[] }).__floor));
  await blank.close();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  // usedSize is JS objects; backingStorageSize the ArrayBuffers (mask bitmaps, history) they own.
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };

  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const figures = {
    base: '4096 × 4096',
    pointerToPaintMs: stats(fresh.latencies),
    // The fresh strokes one by one (30 moves each): shows whether the excess is the first strokes' warm-up.
    pointerToPaintP95ByStrokeMs: Array.from(
      { length: 10 },
      (_, i) => stats(fresh.latencies.slice(i * 30, i * 30 + 30)).p95,
    ),
    browserFloorPointerToPaintMs: floor,
    editorWorkPerFrameMs: stats(fresh.work),
    longFramesOver50ms: fresh.longFrames.length,
    after200Strokes: {
      pointerToPaintMs: stats(after.latencies),
      editorWorkPerFrameMs: stats(after.work),
      longFramesOver50ms: after.longFrames.length,
      longestFrameMs: Math.round(Math.max(0, ...after.longFrames)),
      ...depth,
    },
    exportMs: { worker: Math.round(median(exportRuns.times)), sharp: Math.round(median(sharpTimes)) },
    exportVsSharp: Math.round((median(exportRuns.times) / median(sharpTimes)) * 100) / 100,
    exportedPngKB: Math.round(png.length / 1024),
    jsHeapMB: Math.round((heap.usedSize + (heap.backingStorageSize ?? 0)) / 1048576),
    jsObjectsMB: Math.round(heap.usedSize / 1048576),
  };
  console.log(JSON.stringify(figures));
  mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
  writeFileSync(path.join(REPO, 'test-results', 'mask-editor-bench.json'), JSON.stringify(figures, null, 2));
});
