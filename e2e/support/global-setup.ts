/**
 * Once per test run, before any worker: a PGlite directory initialised in a temporary folder, which every app the
 * harness starts on a fresh DATA_DIR gets a copy of (`startApp`). PGlite's initdb (PostgreSQL in WebAssembly) is
 * the slowest part of a first start, and a run starts about fifty apps. What it makes is what the preflight's own
 * first start makes (an empty cluster; migrations are still applied by each app at boot), so each app starts as on
 * a fresh machine, only sooner. The path reaches the workers through the environment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export const PGLITE_TEMPLATE_ENV = 'E2E_PGLITE_TEMPLATE';

export default async function globalSetup(): Promise<() => void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'overpaint-e2e-pglite-'));
  const template = path.join(folder, 'pglite');
  const db = new PGlite(template);
  await db.waitReady;
  await db.close();
  process.env[PGLITE_TEMPLATE_ENV] = template;
  return () => rmSync(folder, { recursive: true, force: true });
}
