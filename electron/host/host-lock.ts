import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import type { DataDir } from './data-dir.js';
import { isProcessAlive } from './process-alive.js';

export interface HostInfo {
  url: string;
  port: number;
  token: string;
  pid: number;
  version: string;
}

export class HostAlreadyRunningError extends Error {
  constructor(readonly existing: HostInfo | null, readonly pid: number) {
    super(
      existing
        ? `Another Auteur host (pid ${pid}) is already running on this data dir at ${existing.url}/?token=${existing.token}`
        : `Another Auteur host (pid ${pid}) holds the lock on this data dir`,
    );
    this.name = 'HostAlreadyRunningError';
  }
}

/** Reads host.json if a live host wrote it; a stale one (dead pid) reads as null. */
export function readRunningHost(dir: DataDir): HostInfo | null {
  try {
    const info = JSON.parse(readFileSync(dir.hostJson, 'utf8')) as HostInfo;
    return isProcessAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/**
 * One host per data dir: an O_EXCL lock file holding the pid. A lock left by a killed host
 * (pid no longer alive) is taken over.
 */
export function acquireHostLock(dir: DataDir): () => void {
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(dir.lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(dir.lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(readFileSync(dir.lockFile, 'utf8'), 10);
      if (isProcessAlive(pid) && pid !== process.pid) throw new HostAlreadyRunningError(readRunningHost(dir), pid);
      rmSync(dir.lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the host lock ${dir.lockFile}`);
}

/** Written atomically so a reader never sees half a file. */
export function writeHostJson(dir: DataDir, info: HostInfo): void {
  const tmp = `${dir.hostJson}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(info, null, 2), { mode: 0o600 });
  renameSync(tmp, dir.hostJson);
}

export function removeHostJson(dir: DataDir): void {
  rmSync(dir.hostJson, { force: true });
}
