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
  reporter: 'list',
  retries: 0,
  timeout: 10 * 60_000,
  globalTimeout: undefined,
});
