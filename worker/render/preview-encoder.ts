/**
 * Encodes the preview while frames are still being rendered: each frame goes to ffmpeg's stdin
 * as an encoded image (JPEG or PNG from the browser's own encoder), so encoding overlaps
 * rendering and the page sends a fraction of the raw pixel bytes.
 * WebM is VP8 (libvpx, realtime); MP4 is H.264 (libx264, yuv420p, +faststart) for players that
 * lack VP8.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { locateFfmpeg } from '../tools/binaries.js';

export interface PreviewEncoderOptions {
  format: 'webm' | 'mp4';
  /** What each written frame is: a JPEG or PNG file. */
  input: 'jpeg' | 'png';
  fps: number;
  outPath: string;
  ffmpegPath?: string | null;
  signal?: AbortSignal;
}

export const PREVIEW_MIME = { webm: 'video/webm', mp4: 'video/mp4' } as const;

function codecArgs(format: 'webm' | 'mp4'): string[] {
  // VP8 at its fastest realtime setting: on a busy 2-core machine ffmpeg competes with Chromium for
  // the CPU, and crf 10 at 2 Mb/s cost about twice the CPU of this for a preview nobody can tell apart.
  if (format === 'webm') return ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '16', '-lag-in-frames', '0', '-b:v', '1500k', '-crf', '16', '-auto-alt-ref', '0'];
  return ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-movflags', '+faststart'];
}

export class PreviewEncoder {
  private readonly proc: ChildProcessByStdio<Writable, null, Readable>;
  private stderr = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private failed: Error | null = null;

  constructor(private readonly opts: PreviewEncoderOptions) {
    const ffmpeg = opts.ffmpegPath || locateFfmpeg().path;
    if (!ffmpeg) throw new Error(`No ffmpeg for the preview video. ${locateFfmpeg().hint}`);
    const args = [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'image2pipe', '-framerate', String(opts.fps), '-c:v', opts.input === 'jpeg' ? 'mjpeg' : 'png', '-i', 'pipe:0',
      // yuv420p needs even dimensions.
      '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2', '-pix_fmt', 'yuv420p',
      ...codecArgs(opts.format),
      opts.outPath,
    ];
    this.proc = spawn(ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    this.proc.stderr.on('data', (d: Buffer) => {
      if (this.stderr.length < 8192) this.stderr += d.toString();
    });
    this.proc.stdin.on('error', (err) => (this.failed ??= new Error(`ffmpeg stopped reading frames: ${err.message}. ${this.stderr.trim()}`)));
    this.exited = new Promise((resolve, reject) => {
      this.proc.once('error', (err) => reject(new Error(`Cannot run ffmpeg (${ffmpeg}): ${err.message}`)));
      this.proc.once('close', (code, signal) => resolve({ code, signal }));
    });
    this.exited.catch(() => undefined);
    opts.signal?.addEventListener('abort', this.abort, { once: true });
  }

  /** Queues one encoded frame, waiting when ffmpeg's input is full. */
  async write(image: Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.proc.stdin.write(image)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.proc.stdin.off('drain', done);
          this.proc.off('close', done);
          resolve();
        };
        this.proc.stdin.once('drain', done);
        this.proc.once('close', done);
      });
    }
    if (this.failed) throw this.failed;
  }

  /** Closes the input and waits for the file. */
  async finish(): Promise<void> {
    this.proc.stdin.end();
    const { code, signal } = await this.exited;
    this.opts.signal?.removeEventListener('abort', this.abort);
    if (code !== 0) throw new Error(`ffmpeg could not encode the ${this.opts.format} preview (exit ${code ?? signal}): ${this.stderr.trim().slice(0, 500) || 'no message'}`);
  }

  /** Stops ffmpeg and drops the partial file's process (the caller owns the path). */
  readonly abort = (): void => {
    this.proc.stdin.destroy();
    this.proc.kill('SIGKILL');
  };
}
