// Finds (and if need be installs) a Chromium for Playwright. Used by scripts/test-all.mjs.
//
// Order: $CHROMIUM_PATH → Playwright's own downloaded browser → a system Chrome/Chromium →
// (Debian, as root) `apt-get install chromium` → (not CI) `playwright install chromium` → a clear error.
// Keep the candidate list in step with `systemChromium()` in playwright.config.ts.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const SYSTEM_CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when `file --version` runs and exits 0 (weeds out stubs such as Ubuntu's snap redirect). */
export function browserRuns(file) {
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return r.status === 0 ? r.stdout.trim() || 'unknown version' : null;
}

/** Path of Playwright's own Chromium if it has been downloaded (`npx playwright install chromium`), else null. */
export function playwrightOwnChromium(repoRoot) {
  try {
    const require = createRequire(path.join(repoRoot, 'package.json'));
    const { chromium } = require('@playwright/test');
    const file = chromium.executablePath();
    return file && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * @returns {{ path: string | null, source: 'env' | 'playwright' | 'system', version: string } | null}
 *   path null means "let Playwright use its own browser" (do not set CHROMIUM_PATH).
 */
export function findChromium(repoRoot, { log = () => {} } = {}) {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    const version = isExecutable(fromEnv) && browserRuns(fromEnv);
    if (version) return { path: fromEnv, source: 'env', version };
    log(`CHROMIUM_PATH=${fromEnv} is not a working browser; looking elsewhere.`);
  }
  const own = playwrightOwnChromium(repoRoot);
  if (own) return { path: null, source: 'playwright', version: own };
  for (const candidate of SYSTEM_CHROMIUM_CANDIDATES) {
    if (!isExecutable(candidate)) continue;
    const version = browserRuns(candidate);
    if (version) return { path: candidate, source: 'system', version };
    log(`${candidate} exists but does not run; skipping it.`);
  }
  return null;
}

function isDebian() {
  try {
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    return /^ID=("?)debian\1$/m.test(osRelease);
  } catch {
    return false;
  }
}

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  return r.status === 0;
}

/**
 * Finds a browser, installing one if none is there. Throws an Error with a readable message when it cannot.
 * @returns {{ path: string | null, source: string, version: string }}
 */
export function ensureChromium(repoRoot, { log = console.log } = {}) {
  let found = findChromium(repoRoot, { log });
  if (found) return found;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.platform === 'linux' && isRoot && isDebian() && existsSync('/usr/bin/apt-get')) {
    log('No Chromium found; installing Debian packages chromium and fonts-dejavu-core (apt-get) …');
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if (
      run('apt-get', ['update', '-qq'], env) &&
      run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core'], env)
    ) {
      found = findChromium(repoRoot, { log });
      if (found) return found;
    }
    log('apt-get could not provide a working Chromium.');
  }

  if (!process.env.CI) {
    log("No Chromium found; downloading Playwright's own (npx playwright install chromium) …");
    const bin = path.join(
      repoRoot,
      'node_modules',
      '.bin',
      process.platform === 'win32' ? 'playwright.cmd' : 'playwright',
    );
    if (run(bin, ['install', 'chromium'])) {
      found = findChromium(repoRoot, { log });
      if (found) return found;
    }
  }

  throw new Error(
    [
      'No Chromium browser could be found or installed for the end-to-end tests.',
      'Do one of:',
      '  - Debian/Ubuntu: sudo apt-get install -y chromium   (or install Google Chrome)',
      '  - any machine with internet: npx playwright install chromium',
      '  - point CHROMIUM_PATH at a Chrome/Chromium executable',
      `Looked for: $CHROMIUM_PATH, Playwright's own browser, ${SYSTEM_CHROMIUM_CANDIDATES.join(', ')}.`,
    ].join('\n'),
  );
}
