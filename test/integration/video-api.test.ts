import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Video, VideoList, VideoWithJob, WikiSummary } from '../../shared/schemas/video.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { FakeWikipedia } from '../fixtures/fake-wikipedia.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

// The Video API through a real host and worker processes, no LLM (the offline writer), the
// embedded providers; Wikipedia is the fake behind WIKIPEDIA_BASE_URL.
const NO_LLM = { OLLAMA_HOST: 'http://127.0.0.1:9', OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', ELEVENLABS_API_KEY: '' };
let host: HostProcess;
let wiki: FakeWikipedia;

beforeAll(async () => {
  wiki = await new FakeWikipedia().start();
  host = await startHostProcess(tempHome('auteur-video-api-'), { ...NO_LLM, WIKIPEDIA_BASE_URL: wiki.url, COMFYUI_URL: await closedPortUrl() });
}, 60_000);
afterAll(async () => {
  await host?.stop();
  await wiki?.close();
});

const json = async <T>(r: Response, status = 200): Promise<T> => {
  const body = await r.text();
  expect(r.status, body).toBe(status);
  return JSON.parse(body) as T;
};
const get = (id: string) => host.api(`/videos/${id}`).then((r) => json<Video>(r));
const until = (id: string, pred: (v: Video) => boolean, what: string, ms = 90_000) =>
  waitFor(async () => {
    const v = await get(id);
    return pred(v) ? v : undefined;
  }, what, ms);

describe('video API', () => {
  it('refuses an empty or 50 kB prompt, unknown fields and a bad language, naming the problem', async () => {
    const empty = await host.api('/videos', { method: 'POST', json: { prompt: '   ' } });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/The prompt is empty/);
    const big = await host.api('/videos', { method: 'POST', json: { prompt: 'storm '.repeat(9000) } });
    expect(big.status).toBe(400);
    expect(await big.text()).toMatch(/longer than 8000 characters/);
    expect((await host.api('/videos', { method: 'POST', json: { prompt: 'x', durationTarget: 7 } })).status).toBe(400);
    expect((await host.api('/videos', { method: 'POST', json: { prompt: 'x', language: 'English' } })).status).toBe(400);
    expect((await json<VideoList>(await host.api('/videos?scope=all'))).total).toBe(0);
  });

  it('creates a video (202 + job), writes the script offline, lets a scene be edited, and is no library item before a final exists', async () => {
    const created = await json<VideoWithJob>(await host.api('/videos', { method: 'POST', json: { prompt: 'A lighthouse in a storm at sea, emerald and gold. The keeper lights the lamp.', style: 'cinematic' } }), 202);
    expect(created.video).toMatchObject({ status: 'queued', durationTarget: 7, producePreview: true, language: 'en', inLibrary: false, jobId: created.jobId });
    const scripted = await until(created.video.id, (v) => v.script !== null, 'the script');
    expect(scripted.scriptSource).toMatchObject({ writer: 'offline', provider: 'embedded' });
    expect(scripted.title).toBe(scripted.script!.title);
    expect(scripted.script!.scenes.length).toBeGreaterThanOrEqual(2);
    expect(['rendering_preview', 'rendering_final', 'composing', 'completed', 'failed']).toContain(scripted.status);

    const scene = scripted.script!.scenes[1]!;
    const edited = await json<Video>(await host.api(`/videos/${created.video.id}/scenes/${scene.id}`, { method: 'PATCH', json: { description: 'The keeper lights the great lamp, gold light on green waves.', order: 0 } }));
    expect(edited.script!.scenes[0]).toMatchObject({ id: scene.id, description: 'The keeper lights the great lamp, gold light on green waves.' });
    expect(edited.dirtyScenes).toEqual(expect.arrayContaining([scene.id, 'order']));
    expect(edited.scriptSource!.writer).toBe('edited');
    expect((await host.api(`/videos/${created.video.id}/scenes/nope`, { method: 'PATCH', json: { description: 'x' } })).status).toBe(404);
    expect((await host.api(`/videos/${created.video.id}/scenes/${scene.id}`, { method: 'PATCH', json: { durationSec: 0 } })).status).toBe(400);

    const current = await get(created.video.id);
    // Seconds after the script, the renders are far from done: not publishable, nothing to export, not in the library.
    expect(current.inLibrary).toBe(false);
    expect((await host.api(`/videos/${created.video.id}/publish`, { method: 'POST', json: {} })).status).toBe(409);
    expect((await host.api(`/videos/${created.video.id}/export.mp4`)).status).toBe(409);
    expect((await json<VideoList>(await host.api('/videos'))).videos.map((v) => v.id)).not.toContain(created.video.id);
    expect((await json<VideoList>(await host.api('/videos?scope=all&q=lighthouse'))).videos.map((v) => v.id)).toContain(created.video.id);
    expect((await host.api('/videos/missing')).status).toBe(404);
    // Deleting while it renders cancels the job (the worker is free for the next test).
    const del = await json<{ ok: boolean }>(await host.api(`/videos/${created.video.id}`, { method: 'DELETE' }));
    expect(del.ok).toBe(true);
    const stopped = await waitFor(async () => {
      const j = await json<{ status: string }>(await host.api(`/jobs/${current.jobId}`));
      return j.status === 'running' || j.status === 'queued' ? undefined : j;
    }, 'the job to stop', 60_000);
    expect(['cancelled', 'succeeded', 'completed_with_problems']).toContain(stopped.status);
  }, 180_000);

  // 2 s (one or two scenes) keeps the software-GL render of the real embedded path affordable on a loaded 2-core machine.
  it('a short prompt runs to completed: preview, final MP4 + HLS, captions, chapters, library item, export, delete', async () => {
    const { video } = await json<VideoWithJob>(await host.api('/videos', { method: 'POST', json: { prompt: 'Rain over Lisbon at night.', title: 'Lisbon Rain', duration_target: 2 } }), 202);
    const seen = new Set<string>();
    const done = await waitFor(async () => {
      const v = await get(video.id);
      seen.add(v.status);
      return v.status === 'completed' || v.status === 'failed' ? v : undefined;
    }, 'the video to finish', 480_000, 250);
    expect(done.error, JSON.stringify(done.error)).toBeNull();
    expect(done).toMatchObject({ status: 'completed', title: 'Lisbon Rain', inLibrary: true, languages: ['en'] });
    expect(seen.has('rendering_final') || seen.has('composing')).toBe(true);
    expect(done.preview).toMatchObject({ width: 640, height: 360 });
    expect(done.final).toMatchObject({ width: 1280, height: 720 });
    expect(done.durationSec).toBeGreaterThan(1.5);
    expect(done.hlsMasterMediaId && done.posterMediaId && done.thumbnailMediaId).toBeTruthy();
    expect(done.chapters).toHaveLength(done.script!.scenes.length);
    expect(done.scenes.map((s) => s.sceneId)).toEqual(done.script!.scenes.map((s) => s.id));
    expect(done.captions[0]).toMatchObject({ language: 'en' });

    const listed = await json<VideoList>(await host.api('/videos?q=lisbon'));
    expect(listed.videos.map((v) => v.id)).toEqual([video.id]);
    const mp4 = await host.api(`/videos/${video.id}/export.mp4`);
    expect(mp4.status).toBe(200);
    expect(mp4.headers.get('content-disposition')).toMatch(/attachment; filename="Lisbon-Rain\.mp4"/);
    const bytes = Buffer.from(await mp4.arrayBuffer());
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect((await json<Video>(await host.api(`/videos/${video.id}/publish`, { method: 'POST', json: {} }))).published).toBe(true);
    expect((await json<Video>(await host.api(`/videos/${video.id}`, { method: 'PATCH', json: { addToLiveLoop: true } }))).addToLiveLoop).toBe(true);

    // Re-render after an edit: queued, and 409 while it runs.
    const sceneId = done.script!.scenes[0]!.id;
    await json<Video>(await host.api(`/videos/${video.id}/scenes/${sceneId}`, { method: 'PATCH', json: { description: 'Rain over Lisbon at night, emerald and gold.' } }));
    const rerender = await json<VideoWithJob>(await host.api(`/videos/${video.id}/render`, { method: 'POST', json: {} }), 202);
    expect(rerender.video.status).toBe('rendering_preview');
    expect((await host.api(`/videos/${video.id}/render`, { method: 'POST', json: {} })).status).toBe(409);
    expect((await host.api(`/jobs/${rerender.jobId}/cancel`, { method: 'POST' })).status).toBeLessThan(300);
    const cancelled = await until(video.id, (v) => v.status === 'failed', 'the cancel to land');
    expect(cancelled.error).toMatchObject({ stage: 'rendering_preview', message: 'cancelled' });
    // The finished final stays playable and in the library.
    expect(cancelled).toMatchObject({ inLibrary: true, final: done.final });

    const del = await json<{ removedMedia: number }>(await host.api(`/videos/${video.id}`, { method: 'DELETE' }));
    expect(del.removedMedia).toBeGreaterThan(3);
    expect((await host.api(`/media/${done.final!.mediaId}/file`)).status).toBe(404);
    expect((await host.api(`/videos/${video.id}`)).status).toBe(404);
  }, 600_000);

  it('wiki facts: a summary with its source link from the Wikipedia REST API, cached; a missing page says so', async () => {
    const ok = await json<WikiSummary>(await host.api('/video/wiki?entity=Lighthouse'));
    expect(ok).toMatchObject({ status: 'ok', title: 'Lighthouse', url: 'https://en.wikipedia.org/wiki/Lighthouse', cached: false });
    expect(await json<WikiSummary>(await host.api('/video/wiki?entity=Lighthouse'))).toMatchObject({ status: 'ok', cached: true });
    expect(wiki.hits('Lighthouse')).toBe(1);
    expect(await json<WikiSummary>(await host.api('/video/wiki?entity=Nowhere%20Rock'))).toMatchObject({ status: 'not_found' });
    expect((await host.api('/video/wiki?entity=')).status).toBe(400);
  });
});
