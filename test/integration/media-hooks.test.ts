import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaComposeInput, MediaComposeOutput } from '../../shared/jobs/media-compose.js';
import { TtsSynthesizeInput, TtsSynthesizeOutput } from '../../shared/jobs/tts-synthesize.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { resolveDataDir } from '../../electron/host/data-dir.js';
import { openDatabase } from '../../electron/host/db/connection.js';
import { JobHookRegistry } from '../../electron/host/jobs/job-hooks.js';
import type { JobRow } from '../../electron/host/jobs/job-row.js';
import { registerMediaHooks, resolveComposeMedia } from '../../electron/host/media/media-hooks.js';
import { MediaStore } from '../../electron/host/media/media-store.js';
import { decodedDuration } from '../../worker/media/ffmpeg/probe.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { mediaComposeTask } from '../../worker/tasks/media-compose.js';
import { ttsSynthesizeTask } from '../../worker/tasks/tts-synthesize.js';
import type { TaskContext } from '../../worker/task-context.js';

const home = mkdtempSync(join(tmpdir(), 'auteur-media-hooks-'));
const dataDir = resolveDataDir(home);
mkdirSync(dataDir.mediaDir, { recursive: true });
const database = openDatabase(dataDir.dbPath);
const media = new MediaStore(database.db, dataDir.mediaDir);
const hooks = new JobHookRegistry();
registerMediaHooks({ hooks, media, dataDir });
afterAll(() => {
  database.close();
  rmSync(home, { recursive: true, force: true });
});

function ctx(jobId: string): TaskContext {
  const workDir = join(dataDir.mediaDir, 'incoming', `${jobId}-1`);
  mkdirSync(workDir, { recursive: true });
  return { jobId, attempt: 1, dataDir: dataDir.root, workDir, providers: WorkerProviderConfig.parse({}), signal: new AbortController().signal, progress: () => {}, log: () => {} };
}

describe('media host hooks', () => {
  it('tts.synthesize: the speech moves into the media store with provider, model and job', async () => {
    const input = TtsSynthesizeInput.parse({ text: 'Stored with provenance.' });
    const out = await ttsSynthesizeTask(input, ctx('tts-1'));
    expect(TtsSynthesizeOutput.parse(out)).toMatchObject({ provider: 'espeak', mime: 'audio/wav', cached: false });
    const job = { id: 'tts-1', kind: 'tts.synthesize', input } as unknown as JobRow;
    const stored = TtsSynthesizeOutput.parse(await hooks.get('tts.synthesize')!.onSucceeded!(job, out));
    expect(stored.audio.path).toBeNull();
    const row = media.get(stored.audio.mediaId!)!;
    expect(row).toMatchObject({ provider: 'espeak', model: out.model, jobId: 'tts-1', mime: 'audio/wav' });
    expect(row.meta).toMatchObject({ role: 'speech', voice: 'en-us' });
    expect(existsSync(out.audio.path!)).toBe(false); // moved, not copied
    // The same text again comes from the cache and still yields a file for the job.
    const again = await ttsSynthesizeTask(input, ctx('tts-2'));
    expect(again).toMatchObject({ cached: true, durationSec: out.durationSec });
  });

  it('media.compose: images (by media id) → WebM + HLS; the stored master plays from /api/v1/media/<id>/file', async () => {
    const ids: string[] = [];
    for (const color of [{ r: 200, g: 40, b: 40 }, { r: 40, g: 40, b: 200 }]) {
      const png = await sharp({ create: { width: 640, height: 360, channels: 3, background: color } }).png().toBuffer();
      ids.push((await media.ingestBuffer(png, { mime: 'image/png' })).id);
    }
    const raw = MediaComposeInput.parse({
      visuals: { kind: 'images', images: [{ mediaId: ids[0], durationSec: 1.2 }, { mediaId: ids[1], durationSec: 1.2 }], transitionSec: 0.4 },
      width: 320,
      height: 180,
      fps: 24,
      outputs: { mp4: false, webm: true, hls: true },
      hls: { renditions: [{ height: 180, videoBitrateK: 300 }, { height: 120, videoBitrateK: 150 }], segmentSec: 1 },
    });
    await expect(mediaComposeTask(raw, ctx('compose-0'))).rejects.toThrow(/resolves media ids/);
    const input = resolveComposeMedia(media, raw);
    const out = await mediaComposeTask(input, ctx('compose-1'));
    expect(out.durationSec).toBeCloseTo(2.4, 6);
    expect(out.mp4).toBeNull();
    expect(Math.abs((await decodedDuration(resolveFfmpegPath(null), out.webm!.path!)) - 2.4)).toBeLessThan(0.1);
    expect(out.narration).toBeNull();
    expect(out.captions).toBeNull();

    const job = { id: 'compose-1', kind: 'media.compose', input } as unknown as JobRow;
    const stored = MediaComposeOutput.parse(await hooks.get('media.compose')!.onSucceeded!(job, out));
    expect(media.get(stored.webm!.mediaId!)).toMatchObject({ mime: 'video/webm', provider: 'ffmpeg', jobId: 'compose-1' });
    expect(media.get(stored.thumbnail!.mediaId!)).toMatchObject({ mime: 'image/jpeg' });

    // Follow the stored master like a player would: ../<id>/file → the next media object.
    const follow = (fromId: string, uri: string) => {
      const m = /^\.\.\/([^/]+)\/file$/.exec(uri);
      expect(m, `${uri} from ${fromId}`).not.toBeNull();
      const row = media.get(m![1]!);
      expect(row).toBeDefined();
      return row!;
    };
    const masterRow = media.get(stored.hls!.master.mediaId!)!;
    expect(masterRow.mime).toBe('application/vnd.apple.mpegurl');
    const master = readFileSync(media.absolutePath(masterRow), 'utf8');
    const variants = master.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(variants).toHaveLength(2);
    let segments = 0;
    for (const v of variants) {
      const pl = follow(masterRow.id, v);
      const text = readFileSync(media.absolutePath(pl), 'utf8');
      const uris = text.split('\n').filter((l) => l && !l.startsWith('#'));
      let total = 0;
      for (const u of uris) {
        const seg = follow(pl.id, u);
        expect(seg.mime).toBe('video/mp2t');
        segments++;
      }
      for (const m of text.matchAll(/#EXTINF:([\d.]+)/g)) total += Number(m[1]);
      expect(Math.abs(total - 2.4)).toBeLessThan(0.15);
    }
    expect(stored.hls!.files.every((f) => f.ref.path === null && f.ref.mediaId)).toBe(true);
    expect(segments).toBe(stored.hls!.files.filter((f) => f.name.endsWith('.ts')).length);
  });
});
