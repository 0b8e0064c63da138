import { startHost } from '../host/boot.js';
import { HostAlreadyRunningError } from '../host/host-lock.js';

/** `auteur serve`: the headless studio. One stdout line with the URL and token, like Jupyter. */
export async function serve(opts: { port?: number; home?: string }): Promise<number> {
  let host;
  try {
    // Start-up steps go to stderr; stdout keeps its single URL line (scripts and tests read it).
    host = await startHost({ mode: 'headless', port: opts.port, home: opts.home, progress: (line) => process.stderr.write(`starting: ${line}\n`) });
  } catch (err) {
    if (err instanceof HostAlreadyRunningError) {
      process.stderr.write(`${err.message}\n`);
      return 3;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`Port ${opts.port} is in use. Pick another with --port, or --port 0 for any free port.\n`);
      return 4;
    }
    throw err;
  }
  process.stdout.write(`Auteur Studio ${host.version} is running at ${host.url}/?token=${host.token}\n`);
  process.stderr.write(`data dir: ${host.dataDir} — press Ctrl+C to stop\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  return 0;
}
