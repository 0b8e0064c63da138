/**
 * The render Chromium is locked down: no DevTools port anyone on the machine could attach to,
 * and no Chromium outlives the host or worker that launched it (SIGKILL of the whole group, or a
 * leftover recorded in <dataDir>/run swept at the next start).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RenderBrowser } from '../../worker/render/browser.js';
import { ensureRunDir, listBrowsers, recordBrowser, runDirOf } from '../../worker/render/browser-registry.js';
import { descendants, processCmdline } from '../../worker/render/process-tree.js';
import { renderShader } from '../../worker/render/shader-renderer.js';
import { BIN, waitFor } from '../helpers/host-process.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

const FIXTURES = new URL('../fixtures/shaders/', import.meta.url).pathname;
const GRADIENT = readFileSync(join(FIXTURES, 'gradient.glsl'), 'utf8');
const RAYMARCH = readFileSync(join(FIXTURES, 'raymarch.glsl'), 'utf8');
let root: string;
const spawned: ChildProcess[] = [];

beforeAll(() => {
  assertRuntimeBuilt();
  root = mkdtempSync(join(tmpdir(), 'auteur-lockdown-'));
});
afterAll(() => {
  for (const p of spawned) if (p.pid && p.exitCode === null) killGroup(p.pid);
  rmSync(root, { recursive: true, force: true });
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

/** Alive and not a zombie (a container's init may never reap a killed orphan). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Inodes of TCP sockets in LISTEN state (state 0A), IPv4 and IPv6. */
function listeningInodes(): Set<string> {
  const out = new Set<string>();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && cols[9]) out.add(cols[9]);
    }
  }
  return out;
}

/** Listening TCP sockets held by any of `pids`. */
function listeningSocketsOf(pids: number[]): string[] {
  const listening = listeningInodes();
  const found: string[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && listening.has(m[1]!)) found.push(`pid ${pid} fd ${fd} (inode ${m[1]})`);
      } catch {
        /* closed meanwhile */
      }
    }
  }
  return found;
}

/** Processes whose command line mentions `needle` (the data dir), zombies excluded. */
function processesMentioning(needle: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => pid !== process.pid && running(pid) && processCmdline(pid).includes(needle));
}

it('the check itself finds a listening socket (so it can fail)', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    expect(listeningSocketsOf([process.pid]).length).toBeGreaterThan(0);
  } finally {
    server.close();
  }
});

it('no Chromium process holds a listening TCP socket while a render runs (DevTools over a pipe)', async () => {
  const browser = new RenderBrowser({ runDir: join(root, 'run-a') });
  try {
    const dir = join(root, 'a');
    mkdirSync(dir);
    const render = renderShader({ source: { image: { code: RAYMARCH } }, width: 320, height: 180, fps: 15, seconds: 2, preview: 'webm' }, { workDir: dir, browser });
    const pid = await waitFor(async () => browser.pid, 'Chromium to start', 60_000, 20);
    // While frames are being drawn: the browser and every helper (renderer, GPU, zygotes…).
    await waitFor(async () => descendants(pid).length >= 2, 'Chromium helpers', 30_000, 20);
    const pids = [pid, ...descendants(pid)];
    expect(processCmdline(pid)).toContain('--remote-debugging-pipe');
    expect(processCmdline(pid)).not.toContain('--remote-debugging-port');
    expect(listeningSocketsOf(pids)).toEqual([]);
    const out = await render;
    expect(out.failure).toBeNull();
    // The browser is recorded in the run folder while it lives.
    expect(listBrowsers(join(root, 'run-a')).map((r) => r.pid)).toEqual([pid]);
  } finally {
    await browser.close();
  }
}, 120_000);

it('a Chromium left behind by a dead host is killed when the next host starts', async () => {
  const home = join(root, 'home-sweep');
  const runDir = ensureRunDir(runDirOf(home));
  const profile = mkdtempSync(join(runDir, 'chromium-profile-'));
  // Stands in for a Chromium orphaned by a SIGKILLed host: a process running on a recorded profile.
  const orphan = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', `--user-data-dir=${profile}`], { detached: true, stdio: 'ignore' });
  spawned.push(orphan);
  await waitFor(async () => processCmdline(orphan.pid!).includes(profile), 'the stand-in to run');
  recordBrowser(runDir, { pid: orphan.pid!, profile });
  const host = spawnHost(home);
  await host.ready;
  try {
    await waitFor(async () => !running(orphan.pid!), 'the leftover to be killed', 10_000);
    expect(existsSync(profile)).toBe(false);
    expect(listBrowsers(runDir)).toEqual([]);
  } finally {
    killGroup(host.proc.pid!);
  }
}, 60_000);

function spawnHost(home: string): { proc: ChildProcess; ready: Promise<{ base: string; token: string }> } {
  const env: NodeJS.ProcessEnv = { ...process.env, AUTEUR_SEED_LIBRARY: '0' };
  delete env.AUTEUR_HOME;
  // Its own process group, so the test can kill the host and its workers at once as a crash would.
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--home', home], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  spawned.push(proc);
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<{ base: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start; stderr:\n${err}`)), 60_000);
    proc.on('exit', (code) => reject(new Error(`host exited with ${code}; stderr:\n${err}`)));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ base: m[1]!, token: m[2]! });
    });
  });
  return { proc, ready };
}

it('SIGKILL of the host process group mid-render leaves no Chromium of that data dir', async () => {
  const home = join(root, 'home-kill');
  const host = spawnHost(home);
  const { base, token } = await host.ready;
  const res = await fetch(`${base}/api/v1/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'shader.render', input: { source: { image: { code: RAYMARCH } }, width: 640, height: 360, fps: 30, seconds: 20, preview: 'webm' } }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  // The worker's Chromium runs on a profile inside the data dir.
  const browserPid = await waitFor(async () => processesMentioning(join(home, 'run', 'chromium-profile-'))[0], 'the render Chromium to start', 90_000, 50);
  await waitFor(async () => descendants(browserPid).length >= 2, 'Chromium helpers', 30_000, 50);
  await new Promise((r) => setTimeout(r, 1_000)); // mid-render
  const chromium = [browserPid, ...descendants(browserPid)];
  killGroup(host.proc.pid!);
  await waitFor(async () => chromium.every((p) => !running(p)) && processesMentioning(home).length === 0, 'every Chromium of the data dir to exit', 10_000, 100);
}, 180_000);
