#!/usr/bin/env node
/**
 * Server memory benchmark: starts the production build the way `npm start` does (its own command: the preflight,
 * then `next start`) on embedded defaults (PGlite and files in a fresh DATA_DIR, offline engine) and reports the
 * resident memory of the server's whole process tree (the Next process and its children, such as the image
 * decoder):
 * - idle after the first start on the empty DATA_DIR, and again after a restart on the same one;
 * - during one 4k task (16:9, coffee.png as the reference) run through the studio in headless Chromium: the peak,
 *   at completion, and 60 s after it (the browser closed by then).
 *
 *   npm run build && node scripts/bench/server/run.mjs [--root DIR] [--settle 10] [--after 60] [--mask] [--timeline]
 *
 * `--root`: the app whose build to start (default: this checkout). `--mask`: paint over the cup first, so the
 * task is a 4k inpainting (PatchMatch in the engine's worker threads, then the restore step) rather than the
 * base cover-resized to 3840 × 2160. Prints one JSON object. Needs a Chromium (CHROMIUM_PATH, a system one, or
 * Playwright's own). Linux only: it reads /proc.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { findChromium } from '../../lib/find-chromium.mjs';

const option = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROOT = path.resolve(option('root') ?? path.resolve(fileURLToPath(import.meta.url), '../../../..'));
const SETTLE_S = Number(option('settle') ?? 10);
const AFTER_S = Number(option('after') ?? 60);
const MASK = process.argv.includes('--mask');
const TIMELINE = process.argv.includes('--timeline');
const PROMPT = MASK ? 'Remove the cup, 4k' : 'The same cup, wide, 4k';
const SAMPLE_MS = 250;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-bench-server-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (kb) => Math.round(kb / 1024);

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The pid and every descendant's, from /proc/<pid>/stat (ppid is the 2nd field after the command's `)`). */
function processTree(rootPid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // Gone between the listing and the read.
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

function rssKb(pid) {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** What a process is, for the report: the Next server's title, or a child's script. */
function describe(pid) {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const script = argv.find((a) => /\.(mjs|js|cjs|ts)$/.test(a));
    return script ? `${path.basename(argv[0])} ${path.relative(ROOT, script)}` : argv.join(' ');
  } catch {
    return '?';
  }
}

/** VmRSS of the main process and summed over its tree (shared library pages count once per process). */
function sample(pid) {
  const pids = processTree(pid);
  const kb = pids.map(rssKb);
  return { at: Date.now(), mainKb: kb[0], treeKb: kb.reduce((a, b) => a + b, 0), pids };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `npm start`'s own command (preflight, then `exec next start`), so the figures are the real start path's. */
async function startServer(port) {
  const command = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const started = Date.now();
  const child = spawn('sh', ['-c', command], {
    cwd: ROOT,
    // Embedded defaults: no key (the offline engine), PGlite and blob files under DATA_DIR. PORT, not `-p`: the
    // engine client reaches the engine mount on this process's PORT.
    env: {
      ...process.env,
      PATH: `${path.join(ROOT, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
      DATA_DIR: dataDir,
      PORT: String(port),
      TOAPIS_API_KEY: '',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_MANUAL_SIG_HANDLE: '1',
    },
    // Its own process group, so a failed run can stop the preflight too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk) => (log = (log + chunk).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const server = { child, exited, log: () => log };
  running.add(server);
  while (Date.now() - started < 90_000) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { ...server, readyMs: Date.now() - started };
    await sleep(150);
  }
  throw new Error(`The server did not start (run \`npm run build\` first?):\n${log}`);
}

async function stopServer(server) {
  // With `exec`, the shell's pid is now the Next server's; SIGTERM runs its own shutdown (lib/server/boot.ts).
  server.child.kill('SIGTERM');
  const stopped = await Promise.race([server.exited.then(() => true), sleep(15_000).then(() => false)]);
  if (!stopped) killGroup(server);
  running.delete(server);
}

function killGroup(server) {
  try {
    process.kill(-server.child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Lets a fresh server settle, then the median of a few samples. */
async function idle(server) {
  await sleep(SETTLE_S * 1000);
  const samples = [];
  for (let i = 0; i < 5; i++) {
    samples.push(sample(server.child.pid));
    await sleep(1000);
  }
  return {
    readyMs: server.readyMs,
    mainMb: mb(median(samples.map((s) => s.mainKb))),
    treeMb: mb(median(samples.map((s) => s.treeKb))),
    processes: samples.at(-1).pids.map(describe),
  };
}

/** Samples the tree every SAMPLE_MS until stopped. */
function sampler(pid) {
  const samples = [];
  const seen = new Set();
  const take = () => {
    const s = sample(pid);
    s.pids.forEach((p) => seen.add(describe(p)));
    samples.push(s);
    return s;
  };
  const timer = setInterval(take, SAMPLE_MS);
  return { samples, seen, take, stop: () => clearInterval(timer) };
}

/** Paints over the cup of coffee.png with a large brush (as e2e/engine.spec.ts does). */
async function paintOverCup(page) {
  await page.getByLabel('Brush size', { exact: true }).fill('90');
  const canvas = page.getByRole('group', { name: 'Mask editor' }).locator('canvas').last();
  const box = await canvas.boundingBox();
  for (const fy of [0.2, 0.3, 0.4, 0.5, 0.6]) {
    await page.mouse.move(box.x + box.width * 0.36, box.y + box.height * fy);
    await page.mouse.down();
    for (let step = 1; step <= 8; step++) {
      await page.mouse.move(box.x + box.width * (0.36 + 0.03 * step), box.y + box.height * fy);
    }
    await page.mouse.up();
  }
}

/** One 4k task through the studio, as a user runs it; the server sampled from Generate to AFTER_S after the end. */
async function task(server, port) {
  const executablePath = findChromium(ROOT)?.path ?? undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  let samples;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    const gallery = page.getByRole('region', { name: 'Gallery' });
    await gallery.waitFor();
    // The studio restores its draft first; choosing options before that would race it.
    await page.locator('html[data-draft-restored]').waitFor({ state: 'attached', timeout: 20_000 });
    await page.getByLabel('Add reference images', { exact: true }).setInputFiles(samplePath('coffee.png'));
    await page.getByRole('list', { name: 'References' }).getByRole('listitem').first().waitFor();
    await page.getByLabel('Aspect ratio', { exact: true }).selectOption('16:9');
    await page.getByLabel('Resolution', { exact: true }).selectOption('4k');
    if (MASK) await paintOverCup(page);
    await page.getByRole('textbox', { name: 'Prompt' }).fill(PROMPT);
    const before = sample(server.child.pid);
    samples = sampler(server.child.pid);
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const card = gallery.getByRole('article', { name: `Task: ${PROMPT}`, exact: true }).first();
    await card.filter({ hasText: /Completed|Failed/ }).waitFor({ timeout: 600_000 });
    const done = samples.take();
    const durationMs = done.at - clicked;
    const text = await card.innerText();
    if (!text.includes('Completed')) throw new Error(`The task failed: ${text}`);
    await card.getByRole('img', { name: /^Result 1 of 1/ }).waitFor();
    const output = /\d+ × \d+/.exec(text.slice(text.indexOf('Completed')))?.[0] ?? null;
    await browser.close();
    const end = done.at + AFTER_S * 1000;
    await sleep(Math.max(0, end - Date.now()));
    samples.stop();
    // The last two seconds: one slow sample does not make the figure.
    const after = samples.samples.filter((s) => s.at >= end - 2000);
    if (TIMELINE) {
      // One line per sample on stderr: seconds since Generate, then main and tree MB (to see which stage holds what).
      for (const s of samples.samples) {
        process.stderr.write(`${((s.at - clicked) / 1000).toFixed(2)}\t${mb(s.mainKb)}\t${mb(s.treeKb)}\n`);
      }
    }
    return {
      mask: MASK,
      output,
      durationMs,
      beforeMb: { main: mb(before.mainKb), tree: mb(before.treeKb) },
      peakMb: {
        main: mb(Math.max(...samples.samples.map((s) => s.mainKb))),
        tree: mb(Math.max(...samples.samples.map((s) => s.treeKb))),
      },
      atCompletionMb: { main: mb(done.mainKb), tree: mb(done.treeKb) },
      [`after${AFTER_S}sMb`]: {
        main: mb(median(after.map((s) => s.mainKb))),
        tree: mb(median(after.map((s) => s.treeKb))),
      },
      samples: samples.samples.length,
      processes: [...samples.seen],
    };
  } finally {
    samples?.stop();
    await browser.close();
  }
}

function samplePath(name) {
  return path.resolve(ROOT, '../shared/samples', name);
}

const running = new Set();
function cleanUp() {
  for (const server of running) killGroup(server);
  rmSync(dataDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

const loadBefore = os.loadavg()[0];
const port = await freePort();
try {
  let server = await startServer(port);
  const firstStart = await idle(server);
  await stopServer(server);
  server = await startServer(port);
  const restart = await idle(server);
  const run = await task(server, port);
  await stopServer(server);
  // The machine's load beside the figures, so a reader can tell noise from a regression.
  const load = { before: +loadBefore.toFixed(2), after: +os.loadavg()[0].toFixed(2), cores: os.cpus().length };
  const after = run[`after${AFTER_S}sMb`].tree;
  console.log(
    JSON.stringify(
      {
        root: ROOT,
        idle: { firstStart, restart },
        task: run,
        // Targets on the whole tree: idle ≤ 400 MB, peak ≤ 600 MB, ≤ 450 MB a minute after the task.
        targets: {
          idleFirstStart: firstStart.treeMb <= 400,
          idleRestart: restart.treeMb <= 400,
          taskPeak: run.peakMb.tree <= 600,
          afterTask: AFTER_S >= 60 ? after <= 450 : null,
        },
        load,
      },
      null,
      2,
    ),
  );
} finally {
  cleanUp();
}
