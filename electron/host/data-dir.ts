import { mkdirSync } from 'node:fs';
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

export function ensureDataDir(dir: DataDir): void {
  for (const d of [dir.root, dir.mediaDir, dir.logsDir]) mkdirSync(d, { recursive: true });
}
