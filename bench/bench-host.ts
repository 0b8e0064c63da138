// A real `auteur serve` on a temp data dir for the benchmarks that measure a running host
// (LiveLoop viewers, world-room bots): its URL, token and pid, and a stop that waits for exit.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname.replace(/\/dist\/$/, '/');
const BIN = join(ROOT, 'bin', 'auteur.js');

export interface BenchHost {
  base: string;
  token: string;
  pid: number;
  stop(): Promise<void>;
}

export function startBenchHost(home: string): Promise<BenchHost> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--home', home], { env: { ...process.env, AUTEUR_SEED_LIBRARY: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('host did not start in 60 s')), 60_000);
    proc.once('exit', (code) => reject(new Error(`host exited with ${code} before it listened`)));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      resolve({ base: m[1]!, token: m[2]!, pid: proc.pid!, stop: async () => { proc.kill('SIGTERM'); await exited; } });
    });
    proc.stderr!.resume();
  });
}
