import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { closeCore, createCore } from '../electron/host/core.js';
import { ensureDataDir, resolveDataDir } from '../electron/host/data-dir.js';
import { videoVideos } from '../electron/host/db/schema.js';
import { createLogger } from '../electron/host/logger.js';
import { resolveFfmpegPath } from '../worker/media/ffmpeg/locate.js';
import { packageHls } from '../worker/media/ffmpeg/hls.js';
import { rewritePlaylistUris } from '../worker/media/ffmpeg/playlist.js';

export interface LibraryClip {
  title: string;
  color: string;
  height: number;
  seconds: number;
  /** false: no audio track (a channel must normalise it). */
  audio?: boolean;
}

/**
 * Test and bench fixture: finished library videos in a data dir, stored as the video pipeline stores a final
 * render (MP4 + an HLS package made by the same packageHls, ingested with `../<id>/file` URIs),
 * without running the script/TTS/visuals stages. Call before the host starts on that home.
 */
export async function makeLibraryVideos(home: string, clips: LibraryClip[]): Promise<string[]> {
  const dataDir = resolveDataDir(home);
  ensureDataDir(dataDir);
  const core = createCore({ dataDir, mode: 'headless', logger: createLogger(dataDir.logsDir, { echo: () => undefined }) });
  await core.runner.stop();
  const ff = resolveFfmpegPath();
  const ids: string[] = [];
  try {
    for (const [n, c] of clips.entries()) {
      const dir = join(dataDir.root, 'fixture', `clip-${n}`);
      mkdirSync(dir, { recursive: true });
      const mp4 = join(dir, 'final.mp4');
      const w = Math.round((c.height * 16) / 9 / 2) * 2;
      const audio = c.audio === false ? [] : ['-f', 'lavfi', '-i', `sine=frequency=${300 + n * 110}:duration=${c.seconds}`, '-c:a', 'aac', '-ar', '44100'];
      execFileSync(ff, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${w}x${c.height}:rate=25:duration=${c.seconds},hue=H=${n}`, ...audio, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-shortest', mp4]);
      const pkg = await packageHls(ff, { input: mp4, outDir: join(dir, 'hls'), renditions: [{ height: c.height, videoBitrateK: 600 }], segmentSec: 2 });
      const idOf = new Map<string, string>();
      const mediaIds: string[] = [];
      const ingest = async (path: string, mime: string) => {
        const row = await core.media.ingestFile(path, { mime, originalName: basename(path), provider: 'ffmpeg', model: 'test-fixture' });
        mediaIds.push(row.id);
        return row.id;
      };
      const ordered = [...pkg.files.filter((f) => !f.endsWith('.m3u8')), ...pkg.files.filter((f) => f.endsWith('.m3u8') && f !== pkg.master)];
      for (const f of ordered) {
        if (f.endsWith('.m3u8')) writeFileSync(f, rewritePlaylistUris(readFileSync(f, 'utf8'), (u) => `../${idOf.get(u)}/file`));
        idOf.set(basename(f), await ingest(f, f.endsWith('.ts') ? 'video/mp2t' : f.endsWith('.vtt') ? 'text/vtt' : 'application/vnd.apple.mpegurl'));
      }
      writeFileSync(pkg.master, rewritePlaylistUris(readFileSync(pkg.master, 'utf8'), (u) => `../${idOf.get(u)}/file`));
      const masterId = await ingest(pkg.master, 'application/vnd.apple.mpegurl');
      const finalId = await ingest(mp4, 'video/mp4');
      const now = Date.now();
      const id = `fixture-${n}-${now}`;
      core.database.db
        .insert(videoVideos)
        .values({
          id, title: c.title, prompt: c.title, style: 'test', language: 'en', durationTarget: c.seconds, producePreview: false, providers: {},
          status: 'completed', progress: 1, final: { mediaId: finalId, width: w, height: c.height, durationSec: c.seconds, bytes: 1, jobId: null, renderedAt: new Date(now).toISOString() },
          hlsMasterMediaId: masterId, durationSec: pkg.durationSec, languages: ['en'], mediaIds, inLibrary: true, createdAt: now, updatedAt: now, completedAt: now,
        })
        .run();
      ids.push(id);
    }
  } finally {
    await closeCore(core);
  }
  return ids;
}
