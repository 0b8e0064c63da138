#!/usr/bin/env node
// `npm test`: everything that proves the studio works, in order of cost. Stops at the first
// failing stage and ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const node = process.execPath;
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const reports = join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const stages = [
  ['chromium', [node, 'scripts/ensure-chromium.mjs']],
  ['build', [node, 'scripts/build.mjs']],
  ['type-check (shared, worker, host, shell, tests)', [node, bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json']],
  ['type-check (renderer)', [node, bin('typescript', 'bin/tsc'), '-p', 'renderer/tsconfig.json']],
  ['import layering', [node, 'scripts/check-imports.mjs']],
  ['unit + integration (vitest)', [node, bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`]],
  ['end-to-end (Playwright + Chromium)', [node, bin('vitest', 'vitest.mjs'), 'run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'e2e.json')}`]],
];

function totals() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const f of ['vitest.json', 'e2e.json']) {
    const p = join(reports, f);
    if (!existsSync(p)) continue;
    const r = JSON.parse(readFileSync(p, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
  return { passed, failed, skipped };
}

let failedStage = null;
for (const [label, [cmd, ...args]] of stages) {
  const t0 = Date.now();
  process.stdout.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  process.stdout.write(`${r.status === 0 ? '✓' : '✗'} ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  if (r.status !== 0) {
    failedStage = label;
    break;
  }
}
const t = totals();
if (failedStage) process.stdout.write(`\nFailed stage: ${failedStage}\n`);
process.stdout.write(`\n${t.passed} passed, ${t.failed + (failedStage && t.failed === 0 ? 1 : 0)} failed${t.skipped ? `, ${t.skipped} skipped` : ''}\n`);
process.exit(failedStage ? 1 : 0);
