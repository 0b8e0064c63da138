/**
 * Render browsers launched for a data dir are recorded in <dataDir>/run/ (one JSON file per
 * browser: its pid, its profile folder and the worker that owns it). With the pipe transport a
 * Chromium exits when its worker dies; the records are the second line of defence: the host
 * sweeps them at start (and each launch sweeps those whose owner is gone), killing any Chromium
 * still running on a recorded profile and removing the profile folder.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { descendants, killAll, processCmdline } from './process-tree.js';

export const RUN_SUBDIR = 'run';
const RECORD = /^chromium-(\d+)\.json$/;

export interface BrowserRecord {
  pid: number;
  profile: string;
  /** The process (worker, CLI) that launched it. */
  owner: number;
  startedAt: number;
}

export const runDirOf = (dataDir: string): string => join(dataDir, RUN_SUBDIR);

/** The run folder, private to this user (profiles hold the page's state). */
export function ensureRunDir(runDir: string): string {
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(runDir, 0o700);
  } catch {
    /* not ours to change (shared folder): the profiles inside are still 0700 */
  }
  return runDir;
}

export function recordBrowser(runDir: string, rec: Omit<BrowserRecord, 'owner' | 'startedAt'>): void {
  const full: BrowserRecord = { ...rec, owner: process.pid, startedAt: Date.now() };
  writeFileSync(join(runDir, `chromium-${rec.pid}.json`), `${JSON.stringify(full)}\n`, { mode: 0o600 });
}

export function forgetBrowser(runDir: string, pid: number): void {
  rmSync(join(runDir, `chromium-${pid}.json`), { force: true });
}

export function listBrowsers(runDir: string): BrowserRecord[] {
  let names: string[];
  try {
    names = readdirSync(runDir).filter((n) => RECORD.test(n));
  } catch {
    return [];
  }
  const out: BrowserRecord[] = [];
  for (const n of names) {
    try {
      out.push(JSON.parse(readFileSync(join(runDir, n), 'utf8')) as BrowserRecord);
    } catch {
      rmSync(join(runDir, n), { force: true }); // half-written by a killed worker
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Processes whose command line names `profile` as their user-data-dir (the browser process). */
function browsersOn(profile: string): number[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  // processCmdline ends every argument with a space: match the whole argument, not a prefix.
  return pids.map(Number).filter((pid) => ` ${processCmdline(pid)}`.includes(` --user-data-dir=${profile} `));
}

/**
 * Kills the leftovers of recorded browsers and removes their records and profiles. Without
 * `all`, a browser whose owner is still alive is left alone (a sibling worker's). Returns how
 * many processes were killed.
 */
export function sweepBrowsers(runDir: string, opts: { all?: boolean } = {}): number {
  let killed = 0;
  for (const rec of listBrowsers(runDir)) {
    if (!opts.all && alive(rec.owner)) continue;
    // Only a process that still runs on the recorded profile: a reused pid is someone else's.
    const roots = browsersOn(rec.profile);
    const victims = [...new Set(roots.flatMap((pid) => [pid, ...descendants(pid)]))];
    killed += killAll(victims);
    rmSync(rec.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    forgetBrowser(runDir, rec.pid);
  }
  return killed;
}
