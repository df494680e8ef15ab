#!/usr/bin/env node
// The engine benchmark: `node scripts/bench/engine/run.mjs` (or `npm run bench:engine`) from the repo root.
// The engine is TypeScript; tsx (a pinned dev dependency) loads it, with the tsconfig's `@/` alias.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const tsx = createRequire(path.join(root, 'package.json')).resolve('tsx');
const result = spawnSync(process.execPath, ['--import', tsx, path.join(here, 'bench.ts')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
