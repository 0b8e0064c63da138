import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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

export const SYSTEM_CHROME_CANDIDATES = [
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

export const EMBEDDED_CHROMIUM_PACKAGE = '@sparticuz/chromium';

export interface ChromiumSearch {
  /** System locations to try (tests point the search away from /usr/bin/chromium with []). */
  candidates?: readonly string[];
  platform?: NodeJS.Platform;
  arch?: string;
}

export interface LocatedChromium extends Located {
  /** 'embedded': the @sparticuz/chromium binary, unpacked to the temp folder on first use (resolveChromium). */
  embedded?: { version: string; unpacked: boolean };
}

/** The package's own folder, or null where it is not installed. */
function embeddedPackageDir(): { dir: string; version: string } | null {
  try {
    const pkgPath = require.resolve(`${EMBEDDED_CHROMIUM_PACKAGE}/package.json`);
    const version = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version?: string }).version ?? 'unknown';
    return { dir: unpacked(dirname(pkgPath)), version };
  } catch {
    // Its exports map hides package.json: resolve the entry and walk up.
    try {
      let dir = dirname(require.resolve(EMBEDDED_CHROMIUM_PACKAGE));
      while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
      const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
      return { dir: unpacked(dir), version };
    } catch {
      return null;
    }
  }
}

/** Where @sparticuz/chromium unpacks its binary (it always uses the temp folder). */
export const embeddedChromiumPath = (): string => join(tmpdir(), 'chromium');

/**
 * The unpacked binary lives in a shared temp folder, so another local user could plant one there
 * first: use it only when it is ours and nobody else can write it.
 */
export function embeddedBinaryTrusted(path = embeddedChromiumPath()): { ok: boolean; why: string | null } {
  try {
    const st = statSync(path);
    const uid = typeof process.getuid === 'function' ? process.getuid() : null;
    if (!st.isFile()) return { ok: false, why: `${path} is not a file` };
    if (uid !== null && st.uid !== uid) return { ok: false, why: `${path} belongs to uid ${st.uid}, not to this user (${uid}); remove it or set CHROME_PATH` };
    if (st.mode & 0o022) return { ok: false, why: `${path} is writable by others (mode ${(st.mode & 0o777).toString(8)}); remove it or set CHROME_PATH` };
    return { ok: true, why: null };
  } catch {
    return { ok: false, why: `${path} does not exist yet` };
  }
}

/**
 * CHROME_PATH, else a system Chromium/Chrome at a well-known location, else (Linux x64) the
 * embedded @sparticuz/chromium. The embedded binary may still be packed: `path` is then null
 * and `embedded.unpacked` false; resolveChromium() unpacks it.
 */
export function locateChromium(env: NodeJS.ProcessEnv = process.env, search: ChromiumSearch = {}): LocatedChromium {
  const platform = search.platform ?? process.platform;
  const arch = search.arch ?? process.arch;
  const hint =
    platform === 'linux'
      ? `Install Chromium (Debian/Ubuntu: \`sudo apt-get install chromium\`) or set CHROME_PATH${arch === 'x64' ? `, or reinstall so ${EMBEDDED_CHROMIUM_PACKAGE} provides one` : ''}.`
      : 'Install Google Chrome or Chromium, or set CHROME_PATH.';
  if (env.CHROME_PATH) {
    return existsSync(env.CHROME_PATH)
      ? { path: env.CHROME_PATH, source: 'env CHROME_PATH', hint }
      : { path: null, source: 'env CHROME_PATH', hint: `CHROME_PATH points to ${env.CHROME_PATH}, which does not exist.` };
  }
  const found = (search.candidates ?? SYSTEM_CHROME_CANDIDATES).find((p) => existsSync(p));
  if (found) return { path: found, source: 'system', hint };
  // The embedded build is Linux x64 only (chrome-headless-shell + SwiftShader).
  if (platform !== 'linux' || arch !== 'x64') return { path: null, source: null, hint };
  const pkg = embeddedPackageDir();
  if (!pkg) return { path: null, source: null, hint };
  const bin = embeddedChromiumPath();
  const trusted = embeddedBinaryTrusted(bin);
  if (existsSync(bin) && !trusted.ok) return { path: null, source: 'embedded', hint: `The embedded Chromium cannot be used: ${trusted.why}.`, embedded: { version: pkg.version, unpacked: false } };
  return { path: trusted.ok ? bin : null, source: 'embedded', hint, embedded: { version: pkg.version, unpacked: trusted.ok } };
}

let unpacking: Promise<string> | null = null;

/** locateChromium, unpacking the embedded binary when that is the source (first time ~5–15 s). */
export async function resolveChromium(env: NodeJS.ProcessEnv = process.env, search: ChromiumSearch = {}): Promise<LocatedChromium> {
  const loc = locateChromium(env, search);
  if (loc.path || loc.source !== 'embedded' || !loc.embedded || existsSync(embeddedChromiumPath())) return loc;
  unpacking ??= (async () => {
    const mod = (await import(EMBEDDED_CHROMIUM_PACKAGE)) as { default: { executablePath(): Promise<string> } };
    return mod.default.executablePath();
  })().finally(() => (unpacking = null));
  try {
    await unpacking;
  } catch (err) {
    return { ...loc, hint: `Unpacking the embedded Chromium (${EMBEDDED_CHROMIUM_PACKAGE}) failed: ${(err as Error).message}` };
  }
  return locateChromium(env, search);
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

export interface SandboxState {
  /** Whether Chromium runs with its sandbox here. */
  on: boolean;
  /** Why not, in a sentence for doctor; null when on. */
  reason: string | null;
}

function readSysctl(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Whether Chromium can keep its sandbox on this machine, and why not. It cannot as root (it
 * refuses to start), nor on Linux where unprivileged user namespaces are off and no setuid
 * helper exists. AUTEUR_CHROMIUM_NO_SANDBOX=1 turns it off by request (shown as such).
 */
export function chromiumSandbox(env: NodeJS.ProcessEnv = process.env, uid: number | null = typeof process.getuid === 'function' ? process.getuid() : null): SandboxState {
  if (env.AUTEUR_CHROMIUM_NO_SANDBOX === '1') return { on: false, reason: 'turned off by AUTEUR_CHROMIUM_NO_SANDBOX=1' };
  if (uid === 0) return { on: false, reason: 'the studio runs as root (uid 0), and Chromium cannot run sandboxed as root; run it as an ordinary user to sandbox the renderer' };
  if (process.platform === 'linux') {
    const clone = readSysctl('/proc/sys/kernel/unprivileged_userns_clone');
    const max = readSysctl('/proc/sys/user/max_user_namespaces');
    const apparmor = readSysctl('/proc/sys/kernel/apparmor_restrict_unprivileged_userns');
    const setuidHelper = ['/usr/lib/chromium/chrome-sandbox', '/opt/google/chrome/chrome-sandbox'].some((p) => {
      try {
        const st = statSync(p);
        return st.uid === 0 && (st.mode & 0o4000) !== 0;
      } catch {
        return false;
      }
    });
    const noUserns = clone === '0' || max === '0' || apparmor === '1';
    if (noUserns && !setuidHelper) {
      return { on: false, reason: 'unprivileged user namespaces are disabled on this kernel (sysctl kernel.unprivileged_userns_clone / apparmor_restrict_unprivileged_userns) and there is no setuid chrome-sandbox' };
    }
  }
  return { on: true, reason: null };
}

/** --no-sandbox only where the sandbox cannot run (see chromiumSandbox). */
export function sandboxFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  return chromiumSandbox(env).on ? [] : ['--no-sandbox'];
}
