import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const BIN = join(ROOT, 'bin', 'auteur.js');

export interface HostProcess {
  proc: ChildProcess;
  home: string;
  base: string;
  token: string;
  url: string;
  stderr: () => string;
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function tempHome(prefix = 'auteur-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts `auteur serve --port 0` as a real child process and waits for its URL line. */
export function startHostProcess(home = tempHome(), extraEnv: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  // Test hosts start with an empty shader library unless a test asks for the seeds.
  const env: NodeJS.ProcessEnv = { AUTEUR_SEED_LIBRARY: '0', ...process.env, ...extraEnv };
  delete env.AUTEUR_HOME;
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--home', home], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in 30 s; stderr:\n${err}`)), 30_000);
    proc.on('exit', (code) => reject(new Error(`host exited with ${code} before printing its URL; stderr:\n${err}`)));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const [, base, token] = m as unknown as [string, string, string];
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      const host: HostProcess = {
        proc,
        home,
        base,
        token,
        url: `${base}/?token=${token}`,
        stderr: () => err,
        api: (path, init = {}) => {
          const headers = new Headers(init.headers);
          if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
          if (init.json !== undefined) headers.set('content-type', 'application/json');
          return fetch(`${base}/api/v1${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
        },
        stop: async () => {
          if (proc.exitCode === null && proc.signalCode === null) {
            proc.kill('SIGTERM');
            await exited;
          }
        },
        kill: async (signal) => {
          proc.kill(signal);
          await exited;
        },
      };
      resolve(host);
    });
  });
}

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
