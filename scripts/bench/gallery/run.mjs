#!/usr/bin/env node
/**
 * Gallery benchmark: seeds 2,000 results (1,000 tasks × 2) into a fresh DATA_DIR, starts the production build,
 * opens the studio in headless Chromium and reports first paint, time to the first task card, and frame times
 * while scrolling the whole gallery (pages load as it goes).
 *
 *   npm run build && node scripts/bench/gallery/run.mjs [--tasks 1000] [--per-task 2]
 *
 * Prints one JSON object. Needs a Chromium (CHROMIUM_PATH, a system one, or Playwright's own).
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { findChromium } from '../../lib/find-chromium.mjs';
import { summariseTrace } from './trace-summary.mjs';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TASKS = arg('tasks', 1000);
const PER_TASK = arg('per-task', 2);
const SCROLL_SECONDS = arg('scroll-seconds', 60);
// `--input wheel`: scroll with mouse-wheel input (as a person does: the compositor scrolls, the page catches up)
// rather than the default, setting scrollTop from the page once a frame (every frame goes through the main thread).
const INPUT = process.argv.includes('--input') ? process.argv[process.argv.indexOf('--input') + 1] : 'script';
// `--trace file.json`: records a Chromium trace of the scroll and prints where the main thread's time went.
const TRACE_FILE = process.argv.includes('--trace') ? process.argv[process.argv.indexOf('--trace') + 1] : null;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-bench-'));

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startServer(port) {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        TOAPIS_API_KEY: '',
        NEXT_TELEMETRY_DISABLED: '1',
        NEXT_MANUAL_SIG_HANDLE: '1',
      },
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/jobs?limit=1`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGTERM');
  throw new Error('The app did not start; run `npm run build` first.');
}

async function stopServer(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Writes a blob the way the app's FileBlobStore does (content-addressed by SHA-256). */
function putBlob(bytes) {
  const key = createHash('sha256').update(bytes).digest('hex');
  const dir = path.join(dataDir, 'blobs', key.slice(0, 2), key.slice(2, 4));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, key), bytes);
  return key;
}

async function seed() {
  const original = readFileSync(path.resolve(ROOT, '../shared/samples/coffee.png'));
  // A handful of distinct results, so the browser decodes more than one thumbnail.
  const variants = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const png = await sharp(original)
        .modulate({ hue: i * 40 })
        .png()
        .toBuffer();
      // Both thumbnails, as lib/server/assets.ts stores a result's.
      const thumb = await sharp(png).resize(640, 640, { fit: 'inside' }).webp({ quality: 82 }).toBuffer();
      const small = await sharp(thumb).resize(320, 320, { fit: 'inside' }).webp({ quality: 80 }).toBuffer();
      return { sha: putBlob(png), thumb: putBlob(thumb), small: putBlob(small), bytes: png.byteLength };
    }),
  );
  const db = new PGlite(path.join(dataDir, 'pglite'));
  const options = JSON.stringify({
    size: 'auto',
    resolution: '1k',
    quality: 'medium',
    n: PER_TASK,
    outputFormat: 'png',
    outputCompression: 90,
  });
  const start = Date.now() - TASKS * 60_000;
  await db.exec('BEGIN');
  for (let t = 0; t < TASKS; t++) {
    const jobId = randomUUID();
    const at = new Date(start + t * 60_000).toISOString();
    await db.query(
      `INSERT INTO jobs (id, idempotency_key, status, phase, progress, engine, prompt, options, reference_ids, created_at, updated_at, completed_at)
       VALUES ($1, $2, 'completed', 'done', 100, 'offline', $3, $4, '[]', $5, $5, $5)`,
      [jobId, randomUUID(), `Variation ${t + 1}: repaint the cup in another colour`, options, at],
    );
    for (let p = 0; p < PER_TASK; p++) {
      const v = variants[(t + p) % variants.length];
      const assetId = randomUUID();
      await db.query(
        `INSERT INTO assets (id, kind, sha256, mime, bytes, width, height, orientation, filename, thumb_sha256, small_thumb_sha256)
         VALUES ($1, 'result', $2, 'image/png', $3, 600, 400, 1, $4, $5, $6)`,
        [assetId, v.sha, v.bytes, `overpaint-${jobId.slice(0, 8)}-${p + 1}.png`, v.thumb, v.small],
      );
      await db.query('INSERT INTO job_results (job_id, position, asset_id) VALUES ($1, $2, $3)', [jobId, p, assetId]);
    }
  }
  await db.exec('COMMIT');
  await db.close();
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;
}

/** p50 / p95 / max of a list of durations, in ms to a tenth. */
function distribution(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: +percentile(sorted, 50).toFixed(1),
    p95: +percentile(sorted, 95).toFixed(1),
    max: +sorted.at(-1).toFixed(1),
  };
}

/**
 * Sets scrollTop from the page once a frame, recording each frame's duration (every frame on the main thread).
 * A frame's duration is the step between its requestAnimationFrame timestamp and the last one (the frame's start,
 * as in the wheel mode): a dropped frame shows as 33 ms. The gap between the callbacks themselves is kept too
 * (`callbackGapMs`): it also counts how late each callback ran inside its frame, which a viewer never sees.
 */
function scrollByScript(page) {
  return page.evaluate(async (seconds) => {
    const scroller = document.querySelector('[data-testid="gallery-scroller"]');
    const frames = [];
    const callbackGaps = [];
    const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
    let lastFrame = await nextFrame();
    let last = performance.now();
    const started = last;
    while (performance.now() - started < seconds * 1000) {
      scroller.scrollTop += 120;
      const frame = await nextFrame();
      const now = performance.now();
      frames.push(frame - lastFrame);
      callbackGaps.push(now - last);
      lastFrame = frame;
      last = now;
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) {
        // Wait briefly for a next page; stop when none comes.
        await new Promise((r) => setTimeout(r, 400));
        lastFrame = await nextFrame();
        last = performance.now();
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) break;
      }
    }
    return {
      frames,
      callbackGaps,
      cards: document.querySelectorAll('[data-testid="gallery-scroller"] article').length,
      scrolledPx: scroller.scrollTop,
      seconds: (performance.now() - started) / 1000,
    };
  }, SCROLL_SECONDS);
}

/**
 * Wheel input at the script mode's speed: each wheel event goes through the browser's input pipeline like a
 * person's, and the page records its own frames (requestAnimationFrame) meanwhile. Stops at the end of the gallery
 * or the time limit.
 */
async function scrollByWheel(page) {
  const box = await page.getByTestId('gallery-scroller').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
  await page.evaluate(() => {
    const record = { frames: [], slow: [], stop: false };
    window.__frames = record;
    const scroller = document.querySelector('[data-testid="gallery-scroller"]');
    const t0 = performance.now();
    let last = t0;
    const tick = (now) => {
      record.frames.push(now - last);
      // Where each dropped frame fell (seconds into the scroll, scroll position), to find its cause in a trace.
      if (now - last > 25 && record.slow.length < 100) {
        record.slow.push({
          atS: +((now - t0) / 1000).toFixed(2),
          ms: +(now - last).toFixed(1),
          top: scroller.scrollTop,
        });
      }
      last = now;
      if (!record.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
  // Paced to the script mode's speed (120 px a frame at 60 Hz): a wheel event whenever the scroll is behind.
  const started = Date.now();
  const scroller = page.getByTestId('gallery-scroller');
  let sent = 0;
  let lastTop = -1;
  let stuckSince = null;
  while (Date.now() - started < SCROLL_SECONDS * 1000) {
    if (sent < ((Date.now() - started) / 1000) * 7200) {
      await page.mouse.wheel(0, 120);
      sent += 120;
    } else await new Promise((r) => setTimeout(r, 4));
    if (sent % 1200 !== 0) continue;
    // At the end, wait for a next page; stop when none comes.
    const top = await scroller.evaluate((el) => el.scrollTop);
    if (top !== lastTop) stuckSince = null;
    else if ((stuckSince ??= Date.now()) < Date.now() - 1500) break;
    lastTop = top;
  }
  return page.evaluate(() => {
    window.__frames.stop = true;
    return {
      frames: window.__frames.frames.slice(1),
      slowFrames: window.__frames.slow,
      cards: document.querySelectorAll('[data-testid="gallery-scroller"] article').length,
      scrolledPx: document.querySelector('[data-testid="gallery-scroller"]').scrollTop,
      seconds: window.__frames.frames.reduce((a, b) => a + b, 0) / 1000,
    };
  });
}

async function measure(port) {
  const executablePath = findChromium(ROOT)?.path ?? undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Room for every thumbnail's entry (the default buffer holds 250), to count which ones were loaded.
  await page.addInitScript(() => performance.setResourceTimingBufferSize(20_000));
  const t0 = Date.now();
  // From the first byte on, not after the load event (which waits for every script and image): the card is
  // timed when it is on screen, however the page got it there.
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'commit' });
  await page.getByRole('region', { name: 'Gallery' }).getByRole('article').first().waitFor();
  const firstCard = Date.now() - t0;
  await page.waitForLoadState('load');
  const { paint, loadEvent } = await page.evaluate(() => {
    const entry = performance.getEntriesByName('first-contentful-paint')[0];
    const [navigation] = performance.getEntriesByType('navigation');
    return {
      paint: entry ? Math.round(entry.startTime) : null,
      loadEvent: navigation ? Math.round(navigation.loadEventEnd) : null,
    };
  });
  // Scroll a settled page: the studio loads the mask editor's bundle (Konva, ~390 KB) after the load event, and
  // evaluating it is one ~45 ms task that lands on whatever frame is running then. It is a load cost, reported
  // as such (`settleMs`), not a scroll cost.
  await page.getByRole('group', { name: 'Mask editor' }).waitFor();
  await page.waitForLoadState('networkidle');
  const settled = await page.evaluate(() => Math.round(performance.now()));
  if (TRACE_FILE) {
    await browser.startTracing(page, {
      path: TRACE_FILE,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'cc', 'toplevel'],
    });
  }
  const scroll = INPUT === 'wheel' ? await scrollByWheel(page) : await scrollByScript(page);
  const trace = TRACE_FILE ? summariseTrace(JSON.parse((await browser.stopTracing()).toString('utf8'))) : undefined;
  const articles = await page.evaluate(() => document.querySelectorAll('article').length);
  // Which thumbnails the tiles loaded (srcset picks by the tile's width): the small one should be nearly all.
  const thumbnailsLoaded = await page.evaluate(() => {
    const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
    return {
      small: urls.filter((url) => url.endsWith('variant=thumb-small')).length,
      large: urls.filter((url) => url.endsWith('variant=thumb')).length,
    };
  });
  const sorted = [...scroll.frames].sort((a, b) => a - b);
  await browser.close();
  return {
    firstContentfulPaintMs: paint,
    firstTaskCardMs: firstCard,
    loadEventMs: loadEvent,
    settleMs: settled,
    scrollFrames: scroll.frames.length,
    frameMs: distribution(scroll.frames),
    framesOver50ms: sorted.filter((f) => f > 50).length,
    // Frames that took two intervals or more (a dropped frame is ~33 ms at 60 Hz).
    framesOver25ms: sorted.filter((f) => f > 25).length,
    ...(scroll.slowFrames ? { slowFrames: scroll.slowFrames } : {}),
    ...(scroll.callbackGaps ? { callbackGapMs: distribution(scroll.callbackGaps) } : {}),
    cardsInDomAtEnd: articles,
    thumbnailsLoaded,
    scrollSeconds: +scroll.seconds.toFixed(1),
    // How fast the gallery went by: the two inputs are compared at the same speed.
    scrollPxPerSecond: Math.round(scroll.scrolledPx / scroll.seconds),
    input: INPUT,
    trace,
  };
}

const loadBefore = os.loadavg()[0];
const port = await freePort();
let server = await startServer(port); // applies the migrations
await stopServer(server);
const seeded = Date.now();
await seed();
const seedMs = Date.now() - seeded;
server = await startServer(port);
try {
  const result = await measure(port);
  // The machine's load beside the figures, so a reader can tell noise from a regression.
  const load = { before: +loadBefore.toFixed(2), after: +os.loadavg()[0].toFixed(2), cores: os.cpus().length };
  console.log(JSON.stringify({ tasks: TASKS, results: TASKS * PER_TASK, seedMs, ...result, load }, null, 2));
} finally {
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
}
