#!/usr/bin/env node
// Makes sure a Chromium exists for the renderer probes and the end-to-end tests: CHROME_PATH or a
// system one; as root on Debian/Ubuntu it installs `chromium` with apt-get, otherwise it names
// the package to install and exits 1.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

function aptInstall() {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) return false;
  process.stderr.write('Chromium not found: installing Debian package `chromium` with apt-get…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const up = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (up.status !== 0) return false;
  const inst = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core'], { stdio: 'inherit', env });
  return inst.status === 0;
}

let path = findChromium();
if (!path && aptInstall()) path = findChromium();
if (!path) {
  process.stderr.write(
    'Chromium is required for the renderer and the end-to-end tests and was not found.\n' +
      'Install it (Debian/Ubuntu: `sudo apt-get install chromium`; Fedora: `sudo dnf install chromium`; macOS: install Google Chrome) or set CHROME_PATH.\n',
  );
  process.exit(1);
}
const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
process.stdout.write(`chromium: ${version} (${path})\n`);
