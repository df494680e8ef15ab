/**
 * Runs a probe script in a Node process of its own, so a memory figure is that script's alone, started as
 * `npm start` starts the server: with the allocator settings its `start` script sets (GLIBC_TUNABLES, read from
 * package.json so the two cannot drift), tsx for TypeScript, and `gc` exposed so the probe can drop its own garbage
 * before it measures. Returns the JSON object the probe prints last.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The GLIBC_TUNABLES default of `npm start` (the value after `:-` in `${GLIBC_TUNABLES:-…}`). */
export function startTunables(): string {
  const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  const value = /GLIBC_TUNABLES=\$\{GLIBC_TUNABLES:-([^}]+)\}/.exec(start)?.[1];
  if (!value) throw new Error('package.json: the start script sets no GLIBC_TUNABLES default');
  return value;
}

export function runMemoryProbe<T>(script: string, { reactServer = false } = {}): T {
  // A file, not `-e`: tsx's module hooks do not apply to evaluated text.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-memory-probe-'));
  try {
    const file = path.join(dir, 'probe.mjs');
    writeFileSync(file, script);
    const flags = ['--expose-gc', ...(reactServer ? ['--conditions=react-server'] : []), '--import', 'tsx'];
    const output = execFileSync(process.execPath, [...flags, file], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, GLIBC_TUNABLES: startTunables() },
    });
    return JSON.parse(output.trim().split('\n').at(-1)!) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
