import ffmpeg from 'fluent-ffmpeg';
import { CancelledError } from '../../task-context.js';
import { ProviderError } from '../../providers/types.js';
import { ProgressTracker, parseProgressLine, type ProgressSample } from './progress.js';

export type FfmpegCommand = ffmpeg.FfmpegCommand;

/** A fluent-ffmpeg command bound to one binary (never the process-wide default path). */
export function ffmpegCommand(ffmpegPath: string, opts: { cwd?: string } = {}): FfmpegCommand {
  return ffmpeg(opts.cwd ? { cwd: opts.cwd } : {}).setFfmpegPath(ffmpegPath);
}

/**
 * fluent-ffmpeg splits a lone option string that holds exactly one space ("-vf a b" style);
 * passing the list spread keeps every argument as given (filter strings with spaces included).
 */
export function inputArgs(cmd: FfmpegCommand, args: string[]): FfmpegCommand {
  if (args.length === 1 && args[0]!.includes(' ')) throw new Error(`Pass "${args[0]}" as separate arguments`);
  return args.length === 0 ? cmd : args.length === 1 ? cmd.inputOptions(args[0]!) : cmd.inputOptions(...args);
}
export function outputArgs(cmd: FfmpegCommand, args: string[]): FfmpegCommand {
  if (args.length === 1 && args[0]!.includes(' ')) throw new Error(`Pass "${args[0]}" as separate arguments`);
  return args.length === 0 ? cmd : args.length === 1 ? cmd.outputOptions(args[0]!) : cmd.outputOptions(...args);
}

export interface FfmpegRunOptions {
  /** What ffmpeg is doing, for error messages ("encoding the MP4"). */
  label: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Known output duration or frame count, to turn status lines into a fraction. */
  durationSec?: number | null;
  frames?: number | null;
  onProgress?: (fraction: number) => void;
}

export interface FfmpegRunResult {
  /** The last "frame= … time= …" status ffmpeg printed (the decoded/encoded length). */
  last: ProgressSample | null;
  /** The last stderr lines, for callers that parse stream info. */
  tail: string[];
  ms: number;
}

const TAIL = 200;

/**
 * Runs a command to the end. Abort or timeout kills ffmpeg with SIGKILL (so a cancelled job
 * frees its CPU at once); progress comes from ffmpeg's own stderr status lines.
 */
export function runFfmpeg(cmd: FfmpegCommand, opts: FfmpegRunOptions): Promise<FfmpegRunResult> {
  const t0 = performance.now();
  const tail: string[] = [];
  let last: ProgressSample | null = null;
  let timedOut = false;
  let started = false;
  const tracker = opts.onProgress ? new ProgressTracker({ durationSec: opts.durationSec ?? null, frames: opts.frames ?? null }, opts.onProgress) : null;
  return new Promise<FfmpegRunResult>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new CancelledError());
    const kill = () => {
      // Before 'start' fluent-ffmpeg is still checking capabilities: the start handler kills instead.
      if (started) cmd.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs ?? 10 * 60_000);
    opts.signal?.addEventListener('abort', kill, { once: true });
    const finish = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', kill);
    };
    cmd
      .on('start', () => {
        started = true;
        if (opts.signal?.aborted || timedOut) cmd.kill('SIGKILL');
      })
      .on('stderr', (line: string) => {
        tail.push(line);
        if (tail.length > TAIL) tail.shift();
        const p = parseProgressLine(line);
        if (p) last = p;
        tracker?.feed(line);
      })
      .on('error', (err: Error) => {
        finish();
        if (opts.signal?.aborted) return reject(new CancelledError());
        if (timedOut) return reject(new ProviderError('ffmpeg', `FFmpeg took longer than ${Math.round((opts.timeoutMs ?? 0) / 1000)} s while ${opts.label} and was stopped`, 'timeout'));
        const detail = tail.filter((l) => !parseProgressLine(l)).slice(-4).join(' | ') || err.message;
        reject(new ProviderError('ffmpeg', `FFmpeg failed while ${opts.label}: ${detail}`, 'bad_response'));
      })
      .on('end', () => {
        finish();
        tracker?.done();
        resolve({ last, tail, ms: performance.now() - t0 });
      });
    cmd.run();
  });
}
