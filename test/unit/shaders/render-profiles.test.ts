import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sweepStaleProfiles } from '../../../worker/render/process-tree.js';

it.skipIf(!existsSync('/proc/self/cmdline'))('sweeps old render profiles no running process uses, and keeps the rest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'auteur-sweep-test-'));
  const old = Date.now() / 1000 - 3600;
  const stale = join(dir, 'p-stale');
  const inUse = join(dir, 'p-in-use');
  const fresh = join(dir, 'p-fresh');
  const other = join(dir, 'unrelated');
  for (const d of [stale, inUse, fresh, other]) mkdirSync(d);
  for (const d of [stale, inUse, other]) utimesSync(d, old, old);
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', '--', `--user-data-dir=${inUse}`], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 200));
    expect(sweepStaleProfiles(dir, 'p-')).toBe(1);
    expect([stale, inUse, fresh, other].map(existsSync)).toEqual([false, true, true, true]);
  } finally {
    holder.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
