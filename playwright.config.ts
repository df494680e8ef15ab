import { accessSync, constants, existsSync } from 'node:fs';
import { chromium, defineConfig, devices, type ReporterDescription } from '@playwright/test';

/**
 * End-to-end tests. Run them with `npm test` (builds the app, finds a browser, runs vitest and Playwright)
 * or, after `npm run build`, with `npx playwright test`.
 *
 * No `webServer` here: specs start `next start` themselves through e2e/support/fixtures.ts (`app`, `launchApp`),
 * because some must stop and restart the same server, and some need an app with its own environment.
 */

const CI = !!process.env.CI;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Keep in step with SYSTEM_CHROMIUM_CANDIDATES in scripts/lib/find-chromium.mjs. */
const SYSTEM_CHROMIUM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * `CHROMIUM_PATH` (set by scripts/test-all.mjs) wins. Otherwise Playwright's own browser if it was downloaded
 * (undefined = Playwright picks it), else a system Chrome/Chromium, else undefined and Playwright explains.
 */
function resolveExecutablePath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no own browser registered for this platform
  }
  return SYSTEM_CHROMIUM.find(isExecutable);
}

/**
 * Reporters: scripts/test-all.mjs sets PLAYWRIGHT_JSON_FILE to collect the counts; plain runs get `list` (+ html in CI).
 */
function reporters(): ReporterDescription[] {
  const jsonFile = process.env.PLAYWRIGHT_JSON_FILE;
  if (jsonFile) return [['list'], ['json', { outputFile: jsonFile }]];
  return CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : [['list']];
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // One initialised PGlite copied into each fresh DATA_DIR (e2e/support/global-setup.ts).
  globalSetup: './e2e/support/global-setup.ts',
  // Not `test-results/` itself: Playwright empties its outputDir at start, and the runners' JSON lives there.
  outputDir: 'test-results/e2e-artifacts',
  // Two spec files at a time, each with its own app (the `app` fixture is per worker): most of a spec's time is
  // waiting on a task or a server start, so two overlap well on two cores (15.7 min instead of about 22).
  fullyParallel: false,
  workers: 2,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalTimeout: CI ? 50 * 60_000 : undefined,
  reporter: reporters(),
  use: {
    ...devices['Desktop Chrome'],
    browserName: 'chromium',
    launchOptions: {
      executablePath: resolveExecutablePath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
});
