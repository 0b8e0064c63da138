import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { ProviderError } from '../../providers/types.js';
import { locateFfmpeg } from '../../tools/binaries.js';
import { runProcess } from '../../tools/run-process.js';

/**
 * The ffmpeg binary for a job: Settings' path (ctx.providers.ffmpegPath) wins over FFMPEG_PATH,
 * then ffmpeg-static, then the one bundled in @ffmpeg-installer/ffmpeg.
 */
export function resolveFfmpegPath(config?: Pick<WorkerProviderConfig, 'ffmpegPath'> | null, env: NodeJS.ProcessEnv = process.env): string {
  const configured = config?.ffmpegPath || env.FFMPEG_PATH;
  const loc = locateFfmpeg(configured ? { ...env, FFMPEG_PATH: configured } : env);
  if (loc.path) return loc.path;
  if (configured) {
    throw new ProviderError('ffmpeg', `FFmpeg not found: ${configured} (Settings → Providers or FFMPEG_PATH) does not exist. Fix the path, or clear it to use the bundled ffmpeg.`, 'not_configured');
  }
  throw new ProviderError('ffmpeg', `FFmpeg not found: ${loc.hint}`, 'not_configured');
}

export interface FfmpegCapabilities {
  path: string;
  version: string | null;
  filters: Set<string>;
  encoders: Set<string>;
  /** `subtitles` filter (libass) for burned-in captions. */
  libass: boolean;
  /** `xfade` (ffmpeg ≥ 4.3); older builds crossfade with overlay + alpha fade. */
  xfade: boolean;
  drawtext: boolean;
}

const cache = new Map<string, Promise<FfmpegCapabilities>>();

function names(listing: string): Set<string> {
  // "-filters" and "-encoders" lines: " TSC name   A->A  description" / " V..... libx264  description".
  const out = new Set<string>();
  for (const line of listing.split('\n')) {
    const m = /^\s[A-Z.|]{3,6}\s+(\S+)\s/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}

/** What this ffmpeg build can do, asked once per binary per process. */
export function ffmpegCapabilities(path: string, signal?: AbortSignal): Promise<FfmpegCapabilities> {
  let found = cache.get(path);
  if (!found) {
    found = (async () => {
      const opts = { timeoutMs: 15_000, ...(signal ? { signal } : {}) };
      const [ver, filters, encoders] = await Promise.all([
        runProcess(path, ['-hide_banner', '-version'], opts),
        runProcess(path, ['-hide_banner', '-filters'], opts),
        runProcess(path, ['-hide_banner', '-encoders'], opts),
      ]);
      if (ver.code !== 0) throw new ProviderError('ffmpeg', `${path} -version exited ${ver.code ?? ver.signal}: ${ver.stderr.slice(0, 300)}`, 'bad_response');
      const f = names(filters.stdout);
      return {
        path,
        version: /ffmpeg version (\S+)/.exec(ver.stdout)?.[1] ?? null,
        filters: f,
        encoders: names(encoders.stdout),
        libass: f.has('subtitles'),
        xfade: f.has('xfade'),
        drawtext: f.has('drawtext'),
      };
    })();
    cache.set(path, found);
    found.catch(() => cache.delete(path));
  }
  return found;
}
