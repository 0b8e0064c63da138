/**
 * Finds Chromium's helper processes under the browser process. A shader stuck in an endless
 * loop hangs the GPU process (SwiftShader runs it on the CPU and never gives up); killing that
 * one process unblocks the page and Chromium starts a fresh GPU process for the next render.
 * Linux reads /proc; elsewhere the lists are empty and the caller kills the whole browser.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

function parentOf(pid: string): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4 (ppid) follows "pid (comm) state"; comm may contain spaces or parentheses.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[1]);
  } catch {
    return null;
  }
}

/** Every process below `root` (children, grandchildren …), nearest first. */
export function descendants(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const d of entries) {
    const ppid = parentOf(d);
    if (ppid === null) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(d));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/** The command line of `pid`, arguments joined by spaces ('' when it is gone or not Linux). */
export function processCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Chromium GPU processes under the browser process `root`. */
export function gpuProcesses(root: number): number[] {
  return descendants(root).filter((pid) => processCmdline(pid).includes('--type=gpu-process'));
}

/** SIGKILL, ignoring processes that are already gone. Returns how many were signalled. */
export function killAll(pids: number[]): number {
  let n = 0;
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
      n++;
    } catch {
      /* already exited */
    }
  }
  return n;
}

/**
 * Removes `prefix*` profile folders in `dir` that no running process names in its command line
 * (`--user-data-dir=…`) and that are older than a minute: left behind by browsers killed together
 * with their worker. Linux only (it needs /proc to know which folders are in use).
 */
export function sweepStaleProfiles(dir: string, prefix: string, minAgeMs = 60_000): number {
  let procs: string[];
  let entries: string[];
  try {
    procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
    entries = readdirSync(dir).filter((e) => e.startsWith(prefix));
  } catch {
    return 0;
  }
  if (entries.length === 0) return 0;
  const inUse = new Set<string>();
  for (const pid of procs) {
    const m = /--user-data-dir=(\S+)/.exec(processCmdline(Number(pid)));
    if (m?.[1]) inUse.add(m[1]);
  }
  let removed = 0;
  for (const e of entries) {
    const path = join(dir, e);
    try {
      if (inUse.has(path) || Date.now() - statSync(path).mtimeMs < minAgeMs) continue;
      rmSync(path, { recursive: true, force: true });
      removed++;
    } catch {
      /* raced with another sweeper or still busy */
    }
  }
  return removed;
}
