#!/usr/bin/env node
/**
 * Batch drop benchmark: starts the production build (offline engine) in a fresh DATA_DIR, makes 500 photo-sized
 * JPEGs, picks them all at once with `Add batch images` in headless Chromium, and reports:
 * - listedMs: until every file is checked (type, size, by its first bytes) and listed (target: under 15 s);
 * - readyMs: until every file has passed the server's reference intake (stored, thumbnail made);
 * - then starts the batch with a plain recipe, pauses it at once, and times the gallery with its card
 *   (studio load to the batch card) and the batch page with 500 items (load to the last tile, scroll frames).
 *
 *   npm run build && node scripts/bench/batch-drop/run.mjs [--images 500] [--width 1600]
 *
 * Prints one JSON object. Needs a Chromium (CHROMIUM_PATH, a system one, or Playwright's own).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { findChromium } from '../../lib/find-chromium.mjs';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const IMAGES = arg('images', 500);
const WIDTH = arg('width', 1600);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-bench-batch-'));
const filesDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-bench-batch-files-'));

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
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.status < 500)
      .catch(() => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGTERM');
  throw new Error('The app did not start; run `npm run build` first.');
}

/** Photo-like JPEGs: noise over a gradient, so each is a realistic size (and distinct). */
async function makeFiles() {
  const height = Math.round((WIDTH * 3) / 4);
  const paths = [];
  const noise = await sharp({
    create: { width: WIDTH, height, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .raw()
    .toBuffer();
  for (let i = 0; i < IMAGES; i++) {
    const tinted = await sharp(noise, { raw: { width: WIDTH, height, channels: 3 } })
      .tint({ r: (i * 37) % 255, g: (i * 91) % 255, b: (i * 53) % 255 })
      .jpeg({ quality: 80 })
      .toBuffer();
    const file = path.join(filesDir, `product-${String(i + 1).padStart(3, '0')}.jpg`);
    writeFileSync(file, tinted);
    paths.push(file);
  }
  return paths;
}

const files = await makeFiles();
const port = await freePort();
const server = await startServer(port);
const base = `http://127.0.0.1:${port}`;
const result = { images: IMAGES, width: WIDTH, cores: os.cpus().length };
let browser;
try {
  browser = await chromium.launch({
    executablePath: findChromium(ROOT)?.path ?? undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  // A recipe to start the batch with, saved as the studio would.
  await page.goto(base);
  await page.getByRole('textbox', { name: 'Prompt' }).fill('White backdrop behind {name}');
  await page.getByRole('button', { name: 'Save as recipe' }).click();
  await page.getByRole('textbox', { name: 'Recipe name' }).fill('Bench');
  await page.getByRole('combobox', { name: 'Mask for each image' }).selectOption('rect');
  await page.getByRole('button', { name: 'Save recipe' }).click();
  await page.getByText('Recipe “Bench” saved.').waitFor();

  await page.goto(`${base}/batch`);
  const list = page.getByRole('list', { name: 'Batch images' }).getByRole('listitem');
  const started = Date.now();
  await page.getByLabel('Add batch images').setInputFiles(files);
  await page.waitForFunction(
    (n) => {
      const items = document.querySelectorAll('[aria-label="Batch images"] li');
      return items.length === n && [...items].every((li) => !li.textContent.includes('Checking'));
    },
    IMAGES,
    { timeout: 120_000, polling: 50 },
  );
  result.listedMs = Date.now() - started;
  result.listedWithinTarget = result.listedMs <= 15_000;
  await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll('[aria-label="Batch images"] li')].filter((li) => li.textContent.includes('Ready'))
        .length === n,
    IMAGES,
    { timeout: 1_800_000, polling: 500 },
  );
  result.readyMs = Date.now() - started;
  result.listed = await list.count();

  await page.getByRole('combobox', { name: 'Recipe' }).selectOption({ label: 'Bench · Rectangle' });
  await page.getByRole('button', { name: 'Start batch' }).click();
  await page.waitForURL(/\/batch\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Resume' }).waitFor();
  const batchUrl = page.url();

  let t = Date.now();
  await page.goto(base);
  await page.getByRole('progressbar', { name: 'Batch progress: Bench' }).waitFor();
  result.studioToBatchCardMs = Date.now() - t;

  t = Date.now();
  await page.goto(batchUrl);
  await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Batch tasks"] > li').length === n, IMAGES, {
    timeout: 60_000,
  });
  result.batchPageTo500TilesMs = Date.now() - t;
  result.batchPageScroll = await page.evaluate(async () => {
    const frames = [];
    let last = performance.now();
    const end = document.documentElement.scrollHeight;
    for (let y = 0; y < end; y += 400) {
      window.scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    frames.sort((a, b) => a - b);
    return {
      frames: frames.length,
      p50Ms: Math.round(frames[Math.floor(frames.length / 2)] ?? 0),
      p95Ms: Math.round(frames[Math.floor(frames.length * 0.95)] ?? 0),
      longFrames: frames.filter((f) => f > 50).length,
    };
  });
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(filesDir, { recursive: true, force: true });
}
console.log(JSON.stringify(result, null, 2));
