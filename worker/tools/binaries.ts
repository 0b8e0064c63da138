import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface Located {
  path: string | null;
  /** Where the value came from: env, optional package, bundled package, system. */
  source: string | null;
  /** What to do when nothing was found. */
  hint: string;
}

/** Electron packs node_modules into an asar; binaries are unpacked beside it. */
function unpacked(p: string): string {
  return p.replace(`app.asar${'/'}`, `app.asar.unpacked/`);
}

function tryRequire(id: string): unknown {
  try {
    return require(id);
  } catch {
    return undefined;
  }
}

/** FFMPEG_PATH, else ffmpeg-static (optional dependency), else @ffmpeg-installer/ffmpeg. */
export function locateFfmpeg(env: NodeJS.ProcessEnv = process.env): Located {
  const hint = 'Set FFMPEG_PATH to an ffmpeg binary, or reinstall so @ffmpeg-installer/ffmpeg provides one.';
  if (env.FFMPEG_PATH) {
    return existsSync(env.FFMPEG_PATH)
      ? { path: env.FFMPEG_PATH, source: 'env FFMPEG_PATH', hint }
      : { path: null, source: 'env FFMPEG_PATH', hint: `FFMPEG_PATH points to ${env.FFMPEG_PATH}, which does not exist.` };
  }
  const ffStatic = tryRequire('ffmpeg-static');
  if (typeof ffStatic === 'string' && existsSync(unpacked(ffStatic))) {
    return { path: unpacked(ffStatic), source: 'ffmpeg-static', hint };
  }
  const installer = tryRequire('@ffmpeg-installer/ffmpeg') as { path?: string } | undefined;
  if (installer?.path && existsSync(unpacked(installer.path))) {
    return { path: unpacked(installer.path), source: '@ffmpeg-installer/ffmpeg (bundled)', hint };
  }
  return { path: null, source: null, hint };
}

const CHROME_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** CHROME_PATH, else a system Chromium/Chrome at a well-known location. */
export function locateChromium(env: NodeJS.ProcessEnv = process.env): Located {
  const hint =
    process.platform === 'linux'
      ? 'Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH.'
      : 'Install Google Chrome or Chromium, or set CHROME_PATH.';
  if (env.CHROME_PATH) {
    return existsSync(env.CHROME_PATH)
      ? { path: env.CHROME_PATH, source: 'env CHROME_PATH', hint }
      : { path: null, source: 'env CHROME_PATH', hint: `CHROME_PATH points to ${env.CHROME_PATH}, which does not exist.` };
  }
  const found = CHROME_CANDIDATES.find((p) => existsSync(p));
  return found ? { path: found, source: 'system', hint } : { path: null, source: null, hint };
}

/** Flags for Chromium on a machine with no GPU and no outside network (no background fetches, SwiftShader WebGL). */
export const OFFLINE_CHROMIUM_FLAGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/** The same, for launching Chromium directly (drivers such as Playwright add headless themselves). */
export const HEADLESS_CHROMIUM_FLAGS = ['--headless=new', ...OFFLINE_CHROMIUM_FLAGS];

/** Chromium refuses to run as root without --no-sandbox (containers, CI). */
export function sandboxFlags(): string[] {
  return typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
}
