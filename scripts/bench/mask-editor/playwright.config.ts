import { defineConfig } from '@playwright/test';
import base from '../../../playwright.config';

/**
 * The mask editor benchmark (not part of `npm test`): after `npx next build`,
 *   npx playwright test -c scripts/bench/mask-editor
 * It prints one JSON line of figures and writes them to test-results/mask-editor-bench.json.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'bench.spec.ts',
  outputDir: '../../../test-results/mask-editor-bench',
  // Playwright's trace recorder snapshots the DOM around every action (each mouse move): measured, about half the
  // page's main thread while drawing. The tests keep it for failures; a benchmark must not pay for it.
  use: { ...base.use, trace: 'off', screenshot: 'off', video: 'off' },
  reporter: 'list',
  retries: 0,
  timeout: 10 * 60_000,
  globalTimeout: undefined,
  // The bench starts its own app on a fresh DATA_DIR; the suite's PGlite template (a path relative to the suite's
  // config) is not for it.
  globalSetup: undefined,
});
