#!/usr/bin/env node
// `npm test`: the static checks, everything the tests need on a fresh machine, then both test runners, then ONE
// plain line `N passed, N failed[, N skipped]` summing them (CI reads that line, not the runners' own closing lines).
//
//   0. checks: eslint, prettier --check, tsc --noEmit, dependency-cruiser (direction rules, no cycles), knip
//   1. find a Chromium (or install one: apt-get on Debian as root, else `playwright install chromium`)
//   2. next build
//   3. vitest run            (JSON → test-results/vitest.json)
//   4. playwright test       (JSON → test-results/playwright.json)
//
// Every check and both runners always run, so one run shows everything. Exit code is non-zero if a check found
// anything, a test failed, a runner crashed or ran no test, or a step failed; each failed check or step also counts
// as one failure in the summary line so the line never looks green.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './lib/find-chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, 'test-results');
const VITEST_JSON = path.join(RESULTS, 'vitest.json');
const PLAYWRIGHT_JSON = path.join(RESULTS, 'playwright.json');
const SUMMARY_FILE = path.join(RESULTS, 'summary.txt');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function header(title) {
  console.log(`\n==================== ${title} ====================\n`);
}

let current = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current) current.kill(sig);
    process.exit(130);
  });
}

/** Runs a command with inherited output; resolves to its exit code (or 1 when it could not start). */
function run(cmd, args, env = childEnv) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    current = child;
    child.on('error', (err) => {
      console.error(`Could not run ${cmd}: ${err.message}`);
      current = null;
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      current = null;
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 1));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The static checks, each a command that exits non-zero on any finding. Fast ones first; each prints its own
 * findings. The same commands are package.json scripts (`npm run lint`, `format:check`, `typecheck`, `deps`,
 * `unused`) for running one alone.
 */
const CHECKS = [
  {
    name: 'eslint',
    cmd: 'eslint',
    args: ['.', '--max-warnings', '0', '--cache', '--cache-location', 'node_modules/.cache/eslint/'],
  },
  { name: 'prettier', cmd: 'prettier', args: ['--check', '.', '--log-level', 'warn', '--cache'] },
  { name: 'tsc', cmd: 'tsc', args: ['--noEmit'] },
  {
    name: 'dependency rules',
    cmd: 'depcruise',
    args: ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', '.'],
  },
  { name: 'unused code', cmd: 'knip', args: ['--no-progress'] },
];

/** Runs every check (a failed one does not stop the others); returns one problem per failed check. */
async function runChecks() {
  const problems = [];
  const times = [];
  for (const check of CHECKS) {
    header(`Check: ${check.name}`);
    const started = Date.now();
    const code = await run(bin(check.cmd), check.args);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    times.push(`${check.name} ${seconds} s${code === 0 ? '' : ' (failed)'}`);
    if (code === 0) console.log(`${check.name}: no findings (${seconds} s)`);
    else problems.push(`check failed: ${check.name} (exit code ${code}; its findings are above)`);
  }
  console.log(`\nchecks: ${times.join(', ')}`);
  return problems;
}

/** @typedef {{ name: string, passed: number, failed: number, skipped: number, problems: string[] }} Result */

/** @returns {Result} */
function vitestResult(code) {
  const r = { name: 'vitest', passed: 0, failed: 0, skipped: 0, problems: [] };
  const json = readJson(VITEST_JSON);
  if (!json) {
    r.problems.push(`vitest wrote no readable report (exit code ${code})`);
    return r;
  }
  r.passed = json.numPassedTests ?? 0;
  r.failed = json.numFailedTests ?? 0;
  r.skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  const failedFiles = (json.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  );
  for (const f of failedFiles) {
    r.problems.push(`vitest: ${path.relative(ROOT, f.name)} failed to run: ${(f.message ?? '').split('\n')[0]}`);
  }
  if ((json.numTotalTests ?? 0) === 0) r.problems.push('vitest ran no test');
  if (code !== 0 && r.failed === 0 && r.problems.length === 0) r.problems.push(`vitest exited with code ${code}`);
  return r;
}

/** @returns {Result} */
function playwrightResult(code) {
  const r = { name: 'playwright', passed: 0, failed: 0, skipped: 0, problems: [] };
  const json = readJson(PLAYWRIGHT_JSON);
  if (!json) {
    r.problems.push(`playwright wrote no readable report (exit code ${code})`);
    return r;
  }
  const s = json.stats ?? {};
  r.passed = (s.expected ?? 0) + (s.flaky ?? 0);
  r.failed = s.unexpected ?? 0;
  r.skipped = s.skipped ?? 0;
  for (const e of json.errors ?? []) r.problems.push(`playwright: ${(e.message ?? String(e)).split('\n')[0]}`);
  if (s.interrupted) r.problems.push(`playwright: ${s.interrupted} test(s) interrupted`);
  if (r.passed + r.failed + r.skipped === 0) r.problems.push('playwright ran no test');
  if (code !== 0 && r.failed === 0 && r.problems.length === 0) r.problems.push(`playwright exited with code ${code}`);
  return r;
}

async function main() {
  const started = Date.now();
  mkdirSync(RESULTS, { recursive: true });
  for (const f of [VITEST_JSON, PLAYWRIGHT_JSON, SUMMARY_FILE]) rmSync(f, { force: true });

  /** @type {Result[]} */
  const results = [];
  const stepProblems = [];

  // 0. Static checks
  stepProblems.push(...(await runChecks()));

  // 1. Browser
  header('Browser');
  let browserOk = false;
  try {
    const found = ensureChromium(ROOT);
    if (found.path) childEnv.CHROMIUM_PATH = found.path;
    else delete childEnv.CHROMIUM_PATH;
    console.log(
      found.source === 'playwright'
        ? `Using Playwright's own Chromium: ${found.version}`
        : `Using ${found.path} (${found.source === 'env' ? 'from CHROMIUM_PATH' : 'system'}): ${found.version}`,
    );
    browserOk = true;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    stepProblems.push('no Chromium for the end-to-end tests');
  }

  // 2. Build
  header('Build (next build)');
  const buildCode = await run(bin('next'), ['build']);
  const buildOk = buildCode === 0;
  if (!buildOk) stepProblems.push(`next build failed (exit code ${buildCode})`);

  // 3. Unit tests
  header('Unit tests (vitest)');
  const vitestCode = await run(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${VITEST_JSON}`,
  ]);
  results.push(vitestResult(vitestCode));

  // 4. End-to-end tests
  header('End-to-end tests (playwright)');
  if (!buildOk || !browserOk) {
    const why = !buildOk ? 'the build failed' : 'there is no browser';
    console.log(`Skipped: ${why}.`);
    stepProblems.push(`end-to-end tests not run: ${why}`);
  } else {
    const pwCode = await run(bin('playwright'), ['test'], { ...childEnv, PLAYWRIGHT_JSON_FILE: PLAYWRIGHT_JSON });
    results.push(playwrightResult(pwCode));
  }

  // Summary
  header('Summary');
  const problems = [...stepProblems, ...results.flatMap((r) => r.problems)];
  for (const r of results) {
    console.log(`${r.name.padEnd(11)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  }
  for (const p of problems) console.log(`problem:    ${p}`);
  console.log(`time:       ${Math.round((Date.now() - started) / 1000)} s`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0) + problems.length;
  const skipped = results.reduce((n, r) => n + r.skipped, 0);
  const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  writeFileSync(SUMMARY_FILE, `${line}\n`);
  console.log(`\n${line}`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  },
);
