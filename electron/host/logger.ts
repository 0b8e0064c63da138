import { appendFileSync } from 'node:fs';
import { chmodPrivate, PRIVATE_FILE_MODE } from './data-dir.js';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Appends to logs/host.log and mirrors warnings and errors to stderr (stdout stays clean for the URL line and for MCP stdio). */
export function createLogger(logsDir: string, opts: { echo?: (line: string) => void } = {}): Logger {
  const file = join(logsDir, 'host.log');
  // Logs name jobs, paths and provider errors: owner-only, also for a file an older build made.
  chmodPrivate(file);
  const log = (level: LogLevel, message: string) => {
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
    try {
      appendFileSync(file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
    } catch {
      // Logging must never take the host down (e.g. disk full); stderr still gets it below.
    }
    if (level === 'warn' || level === 'error') (opts.echo ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  };
  return {
    log,
    info: (m) => log('info', m),
    warn: (m) => log('warn', m),
    error: (m) => log('error', m),
  };
}
