import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface DataDir {
  root: string;
  dbPath: string;
  mediaDir: string;
  logsDir: string;
  hostJson: string;
  lockFile: string;
}

/** The OS application-data folder Electron would use for userData, so both modes share data. */
export function defaultDataRoot(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const name = 'Auteur Studio';
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

/** --home wins over AUTEUR_HOME, which wins over the OS default. */
export function resolveDataDir(home?: string, env: NodeJS.ProcessEnv = process.env): DataDir {
  const root = resolve(home ?? env.AUTEUR_HOME ?? defaultDataRoot(env));
  return {
    root,
    dbPath: join(root, 'studio.db'),
    mediaDir: join(root, 'media'),
    logsDir: join(root, 'logs'),
    hostJson: join(root, 'host.json'),
    lockFile: join(root, 'host.lock'),
  };
}

/** Owner-only modes: the data dir holds the API token, encrypted secrets, the database and logs. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the data dir owner-only and tightens an existing one (older builds left it 0755 under
 * the default umask). Windows has no POSIX modes; chmod is a no-op there.
 */
export function ensureDataDir(dir: DataDir): void {
  for (const d of [dir.root, dir.mediaDir, dir.logsDir]) {
    mkdirSync(d, { recursive: true, mode: PRIVATE_DIR_MODE });
    chmodPrivate(d, PRIVATE_DIR_MODE);
  }
}

/** Sets an owner-only mode on a path that exists; best effort (a file we do not own stays as is). */
export function chmodPrivate(path: string, mode: number = PRIVATE_FILE_MODE): void {
  if (process.platform === 'win32' || !existsSync(path)) return;
  try {
    chmodSync(path, mode);
  } catch {
    // Not ours to change (e.g. a data dir shared read-only); doctor reports the mode it sees.
  }
}
