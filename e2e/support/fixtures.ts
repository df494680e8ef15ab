/**
 * The Playwright `test` for Overpaint specs. Import from here, not from '@playwright/test':
 *
 *   import { test, expect, samplePath, expectNoSeriousA11yViolations } from './support/fixtures';
 *
 * Fixtures:
 *   app        worker-scoped: one `next start` per worker on embedded defaults (offline engine, fresh DATA_DIR).
 *              `baseURL` points at it, so `page.goto('/')` and `request.get('/api/health')` just work.
 *              A test may `await app.stop()` / `await app.restart()` it; if a test leaves it stopped,
 *              the next test that uses `page`/`baseURL` restarts it.
 *   launchApp  test-scoped: `await launchApp({ env })` starts an extra app (own port, own DATA_DIR, own env);
 *              every app it started is disposed when the test ends.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { REPO_ROOT, startApp, type AppServer, type StartAppOptions } from './app-server';

export { expect };
export type { AppServer };
export { startApp };

type TestFixtures = {
  launchApp: (options?: StartAppOptions) => Promise<AppServer>;
};
type WorkerFixtures = {
  app: AppServer;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  app: [
    async ({}, use) => {
      const app = await startApp();
      try {
        await use(app);
      } finally {
        await app.dispose();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],

  baseURL: async ({ app }, use, testInfo) => {
    if (!app.isRunning()) await app.restart();
    await use(app.url);
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server-log.txt', { body: app.logs(), contentType: 'text/plain' });
    }
  },

  launchApp: async ({}, use, testInfo) => {
    const started: AppServer[] = [];
    await use(async (options) => {
      const app = await startApp(options);
      started.push(app);
      return app;
    });
    for (const app of started) {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach(`server-log-${app.port}.txt`, { body: app.logs(), contentType: 'text/plain' });
      }
      await app.dispose();
    }
  },
});

/**
 * Absolute path of a shared sample image, `../shared/samples/<name>` beside the repo
 * (override the folder with OVERPAINT_SAMPLES_DIR). Throws a clear error if it is missing.
 */
export function samplePath(name: string): string {
  const dir = process.env.OVERPAINT_SAMPLES_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'samples');
  const file = path.resolve(dir, name);
  if (!existsSync(file)) {
    throw new Error(
      `Sample "${name}" not found at ${file}. The samples live in ../shared/samples beside the repo root ` +
        `(CI clones the repo with shared/ beside it); set OVERPAINT_SAMPLES_DIR to use another folder.`,
    );
  }
  return file;
}

export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface A11yOptions {
  /** CSS selector to limit the scan to. */
  include?: string;
  /** CSS selector(s) to leave out of the scan. */
  exclude?: string | string[];
  /** axe rule ids to skip (say why next to the call). */
  disableRules?: string[];
}

/** Fails the test when axe finds a serious or critical WCAG 2.x A/AA violation on the page (or inside `include`). */
export async function expectNoSeriousA11yViolations(page: Page, options: A11yOptions = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(A11Y_TAGS);
  if (options.include) builder = builder.include(options.include);
  for (const sel of [options.exclude ?? []].flat()) builder = builder.exclude(sel);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => {
          const why = (n.failureSummary ?? '')
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          const [head = '', ...reasons] = why;
          const detail = reasons.length ? `${head} ${reasons.join('; ')}` : head;
          return `      at ${n.target.join(' ')}${detail ? `\n         ${detail.slice(0, 300)}` : ''}`;
        })
        .join('\n');
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
      return `  - [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
  expect(
    serious.length,
    `${serious.length} serious/critical accessibility violation(s) on ${page.url()}` +
      `${options.include ? ` within ${options.include}` : ''}:\n${report}\n`,
  ).toBe(0);
}
