import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Guide, NowPlaying } from '../../shared/schemas/video-liveloop.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { errorOf, json } from '../helpers/api-json.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';
import { makeLibraryVideos } from '../../bench/liveloop-fixture.js';

// LiveLoop through a real host: library videos (real HLS made by packageHls) on a channel, the
// live stream read by ffmpeg for 30 s across item boundaries, a restart that resumes where the
// clock says, a video normalised by a real job, a video deleted on air, and API validation.
let host: HostProcess;
let home: string;
let videos: string[];

beforeAll(async () => {
  home = tempHome('auteur-liveloop-');
  videos = await makeLibraryVideos(home, [
    { title: 'Teal Tide', color: 'teal', height: 720, seconds: 6 },
    { title: 'Gold Dusk', color: 'gold', height: 720, seconds: 6 },
    { title: 'Small Silent', color: 'navy', height: 360, seconds: 3, audio: false },
  ]);
  host = await startHostProcess(home);
}, 240_000);
afterAll(async () => {
  await host?.stop();
});

const live = (id: string, name: string, h = host) => h.api(`/channels/${id}/live/${name}`);
const text = async (r: Response) => {
  const body = await r.text();
  expect(r.status, body).toBe(200);
  return body;
};
const seqOf = (m3u8: string) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(m3u8)![1]);
const segmentsOf = (m3u8: string) => m3u8.split('\n').filter((l) => l && !l.startsWith('#'));

let channel: Channel;

describe('LiveLoop API and live HLS', () => {
  it('refuses bad input with named problems', async () => {
    expect((await errorOf(await host.api('/channels', { method: 'POST', json: { name: '  ' } }), 400)).message).toMatch(/channel name is empty/);
    channel = await json<Channel>(await host.api('/channels', { method: 'POST', json: { name: 'Evening' } }), 201);
    expect(channel).toMatchObject({ isDefault: true, items: [], live: { master: `/channels/${channel.id}/live/master.m3u8` } });
    const overlap = await errorOf(
      await host.api(`/channels/${channel.id}/schedule`, {
        method: 'PUT',
        json: { slots: [
          { id: 'a', days: [1], start: '18:00', end: '20:00', content: { kind: 'block', block: 'storms' } },
          { id: 'b', days: [1, 2], start: '19:30', end: '21:00', content: { kind: 'item', itemKey: 'nope' } },
          { id: 'c', days: [3], start: '22:00', end: '06:00', content: { kind: 'block', block: 'storms' } },
        ] },
      }),
      400,
    );
    expect(overlap.code).toBe('validation_failed');
    const details = (overlap as { details?: { code: string; slotIds: string[]; from: string | null; to: string | null }[] }).details!;
    expect(details).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'overlap', slotIds: ['a', 'b'], from: '19:30', to: '20:00' }),
      expect.objectContaining({ code: 'unknown_block', slotIds: ['a'] }),
      expect.objectContaining({ code: 'unknown_item', slotIds: ['b'] }),
      expect.objectContaining({ code: 'bad_range', slotIds: ['c'] }),
    ]));
    expect((await errorOf(await host.api(`/channels/${channel.id}/guide?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z`), 400)).message).toMatch(/after "from"/);
    expect((await host.api('/channels/missing/now')).status).toBe(404);
    expect((await host.api(`/channels/${channel.id}/live/..%2Fsecret.ts`)).status).toBe(400);
    expect((await fetch(`${host.base}/api/v1/channels/${channel.id}/live/master.m3u8`)).status).toBe(401);
    expect((await errorOf(await host.api(`/channels/${channel.id}/items`, { method: 'POST', json: { videoId: 'no-such-video' } }), 404)).message).toMatch(/no-such-video/);
  });

  it('an empty channel airs the slate: a valid live playlist and a real TS segment', async () => {
    const media = await text(await live(channel.id, 'media.m3u8'));
    expect(media).toMatch(/#EXT-X-TARGETDURATION:2/);
    expect(media).not.toMatch(/ENDLIST/);
    const seg = segmentsOf(media)[0]!;
    expect(seg).toMatch(/^\d+_slate\.ts$/);
    const ts = Buffer.from(await (await live(channel.id, seg)).arrayBuffer());
    expect(ts[0]).toBe(0x47); // MPEG-TS sync byte
    expect((await json<NowPlaying>(await host.api(`/channels/${channel.id}/now`))).offAir).toBe(true);
  }, 60_000);

  it('adds matching videos as they are and normalises the other with a job; the channel lists them with progress', async () => {
    for (const v of videos.slice(0, 2)) channel = await json<Channel>(await host.api(`/channels/${channel.id}/items`, { method: 'POST', json: { videoId: v } }), 201);
    expect(channel.items.map((i) => [i.title, i.state, i.original])).toEqual([['Teal Tide', 'ready', true], ['Gold Dusk', 'ready', true]]);
    channel = await json<Channel>(await host.api(`/channels/${channel.id}/items`, { method: 'POST', json: { videoId: videos[2], inPlaylist: false } }), 201);
    const small = channel.items[2]!;
    expect(small).toMatchObject({ state: 'normalizing', original: false });
    expect(small.jobId).toBeTruthy();
    const done = await waitFor(async () => {
      const c = await json<Channel>(await host.api(`/channels/${channel.id}`));
      const i = c.items.find((x) => x.key === small.key)!;
      return i.state === 'normalizing' ? undefined : i;
    }, 'the normalisation job', 60_000, 500);
    expect(done).toMatchObject({ state: 'ready', error: null, progress: 1 });
    expect(done.segments.length).toBeGreaterThan(0);
  }, 90_000);

  it('ffmpeg reads the live stream for 30 s across item boundaries; the guide matches', async () => {
    const master = await text(await live(channel.id, 'master.m3u8'));
    expect(master).toMatch(/#EXT-X-STREAM-INF:BANDWIDTH=\d+/);
    const first = await text(await live(channel.id, 'media.m3u8'));
    expect(first).toMatch(/#EXT-X-PROGRAM-DATE-TIME:/);
    expect(first).toMatch(/#EXT-X-DISCONTINUITY-SEQUENCE:\d+/);
    const started = Date.now();
    // 30 s of wall clock: a live stream has no end, so ffmpeg is stopped (SIGINT: it prints its totals).
    const ff = spawn(resolveFfmpegPath(), ['-hide_banner', '-loglevel', 'verbose', '-headers', `Authorization: Bearer ${host.token}\r\n`, '-i', `${host.base}/api/v1${channel.live.master}`, '-map', '0:v:0', '-f', 'null', '-'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    ff.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<void>((r) => ff.on('exit', () => r()));
    await new Promise((r) => setTimeout(r, 30_000));
    ff.kill('SIGINT');
    await exited;
    expect(err).not.toMatch(/Failed to open segment|HTTP error|Server returned/);
    const opened = [...err.matchAll(/Opening '[^']*\/live\/(\d+)_([^'.]+)\.ts'/g)].map((m) => ({ msn: Number(m[1]), media: m[2]! }));
    // Segments in sequence order, none skipped, from both items: item boundaries were crossed.
    expect(opened.length, err.slice(-3000)).toBeGreaterThan(8);
    for (let i = 1; i < opened.length; i++) expect(opened[i]!.msn).toBe(opened[i - 1]!.msn + 1);
    const tealGold = channel.items.slice(0, 2).map((it) => new Set(it.segments.map((s) => s.mediaId)));
    expect(opened.some((o) => tealGold[0]!.has(o.media)) && opened.some((o) => tealGold[1]!.has(o.media))).toBe(true);
    const frames = Number([...err.matchAll(/frame=\s*(\d+)/g)].at(-1)?.[1] ?? 0);
    expect(frames).toBeGreaterThan(25 * 25); // 25 fps clips: more than 25 s of pictures decoded
    const last = await text(await live(channel.id, 'media.m3u8'));
    expect(seqOf(last)).toBeGreaterThan(seqOf(first));
    const guide = await json<Guide>(await host.api(`/channels/${channel.id}/guide?from=${new Date(started).toISOString()}&to=${new Date(Date.now()).toISOString()}`));
    expect(guide.entries.map((e) => e.title)).toEqual(expect.arrayContaining(['Teal Tide', 'Gold Dusk']));
    for (let i = 1; i < guide.entries.length; i++) expect(guide.entries[i]!.start).toBe(guide.entries[i - 1]!.end);
  }, 90_000);

  it('a restarted host resumes where the clock says: same guide, sequence numbers still growing', async () => {
    const before = await text(await live(channel.id, 'media.m3u8'));
    const from = new Date(Date.now() + 5_000).toISOString();
    const to = new Date(Date.now() + 120_000).toISOString();
    const planned = await json<Guide>(await host.api(`/channels/${channel.id}/guide?from=${from}&to=${to}`));
    await host.kill('SIGKILL');
    host = await startHostProcess(home);
    const after = await text(await live(channel.id, 'media.m3u8'));
    expect(seqOf(after)).toBeGreaterThanOrEqual(seqOf(before));
    // Segments both playlists list carry the same sequence number.
    const uris = new Set(segmentsOf(before));
    for (const u of segmentsOf(after)) if (uris.has(u)) expect(before).toContain(u);
    expect(await json<Guide>(await host.api(`/channels/${channel.id}/guide?from=${from}&to=${to}`))).toEqual(planned);
  }, 60_000);

  it('a video deleted on air is skipped from its next boundary and the stream goes on', async () => {
    const deleted = videos[0]!;
    expect((await host.api(`/videos/${deleted}`, { method: 'DELETE' })).status).toBe(200);
    const c = await waitFor(async () => {
      const x = await json<Channel>(await host.api(`/channels/${channel.id}`));
      return x.items.find((i) => i.videoId === deleted)?.state === 'missing' ? x : undefined;
    }, 'the item to go off air', 10_000);
    expect(c.items.find((i) => i.videoId === deleted)).toMatchObject({ state: 'missing', error: 'deleted from the library' });
    const later = new Date(Date.now() + 10_000).toISOString();
    const guide = await json<Guide>(await host.api(`/channels/${channel.id}/guide?from=${later}&to=${new Date(Date.now() + 600_000).toISOString()}`));
    expect(guide.entries.length).toBeGreaterThan(10);
    expect(guide.entries.some((e) => e.videoId === deleted)).toBe(false);
    const media = await text(await live(channel.id, 'media.m3u8'));
    for (const seg of segmentsOf(media)) expect((await live(channel.id, seg)).status).toBe(200);
  }, 60_000);
});
