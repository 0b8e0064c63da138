import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Reads a small JSON state file; a missing or corrupt file gives the fallback (and is rewritten on the next save). */
export function readJsonFile<T>(path: string, fallback: T, accept: (v: unknown) => v is T): T {
  if (!existsSync(path)) return fallback;
  try {
    const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return accept(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

/** Write-then-rename so a crash mid-write never leaves half a file. Mode 0600: it holds token hashes. */
export function writeJsonFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2), { mode: 0o600 });
  renameSync(tmp, path);
}
