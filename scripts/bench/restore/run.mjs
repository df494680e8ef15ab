#!/usr/bin/env node
// The restoration benchmark: `node scripts/bench/restore/run.mjs` from the repo root (see README.md).
// tsx loads the TypeScript with the tsconfig's `@/` alias; the `react-server` condition lets `server-only` load.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const tsx = createRequire(path.join(root, 'package.json')).resolve('tsx');
const result = spawnSync(
  process.execPath,
  ['--conditions=react-server', '--import', tsx, path.join(here, 'bench.ts'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
