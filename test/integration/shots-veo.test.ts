import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/schemas/jobs.js';
import type { Ingredient, Project, Scene, ShotWithWarnings } from '../../shared/schemas/shots.js';
import type { MediaObject } from '../../shared/schemas/system.js';
import { FAKE_MP4, startFakeVeo, type FakeVeo } from '../fixtures/fake-veo.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

let host: HostProcess;
let fake: FakeVeo;

beforeAll(async () => {
  fake = await startFakeVeo({ apiKey: 'test-gemini-key', pollsUntilDone: 2 });
  // No key in the environment: the test saves it through Settings, as a person would.
  host = await startHostProcess(tempHome('auteur-shots-veo-'), { GEMINI_API_KEY: '', GEMINI_BASE_URL: fake.url, AUTEUR_VEO_POLL_MS: '50' });
}, 60_000);
afterAll(async () => {
  await host?.stop();
  await fake?.close();
});

async function json<T>(res: Response, status?: number): Promise<T> {
  const body = await res.text();
  if (status !== undefined) expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

const setKey = (key: string | null) => host.api('/providers/settings', { method: 'PUT', json: { secrets: { gemini: key } } });

async function readyShot(): Promise<{ shotId: string; ing: Ingredient; png: Buffer }> {
  const p = await json<Project>(await host.api('/shots/projects', { method: 'POST', json: { name: 'Veo' } }), 201);
  const scene = await json<Scene>(await host.api(`/shots/projects/${p.id}/scenes`, { method: 'POST', json: { slugline: 'EXT. HARBOUR - NIGHT' } }), 201);
  const shot = await json<ShotWithWarnings>(await host.api(`/shots/scenes/${scene.id}/shots`, { method: 'POST', json: { description: 'Mara walks along the pier' } }), 201);
  const f = new FormData();
  f.append('projectId', p.id);
  f.append('type', 'Character');
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } }).png().toBuffer();
  f.append('file', new Blob([new Uint8Array(png)]), 'mara.png');
  const ing = await json<Ingredient>(await host.api('/assets/upload', { method: 'POST', body: f }), 201);
  const payload = { instances: [{ prompt: 'Mara walks along the rainy pier at night, slow dolly', referenceImages: [{ image: { mediaId: ing.mediaId, mimeType: 'image/png' }, referenceType: 'asset' }] }], parameters: { aspectRatio: '16:9', durationSeconds: 8 } };
  await json<ShotWithWarnings>(await host.api(`/shots/${shot.shot.id}`, { method: 'PATCH', json: { veoPayload: payload } }), 200);
  return { shotId: shot.shot.id, ing, png };
}

const finished = (id: string) =>
  waitFor(async () => {
    const j = await json<Job>(await host.api(`/jobs/${id}`));
    return j.status === 'queued' || j.status === 'running' ? null : j;
  }, `job ${id}`, 60_000, 100);

describe('Submit a shot to Veo (Gemini API, BYOK)', () => {
  it('without a Gemini key refuses to queue, naming Settings; the settings view shows the key as unset', async () => {
    const { shotId } = await readyShot();
    const r = await host.api(`/shots/${shotId}/veo`, { method: 'POST' });
    expect(r.status).toBe(409);
    const body = (await r.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('no_gemini_key');
    expect(body.error.message).toMatch(/add a Gemini API key in Settings → Providers/);
    expect(fake.operations.size).toBe(0);
    expect((await json<ShotWithWarnings>(await host.api(`/shots/${shotId}`))).shot.veo).toBeNull();
    const view = await json<{ secrets: { gemini: { set: boolean } }; fields: Record<string, { value: string }> }>(await host.api('/providers/settings'));
    expect(view.secrets.gemini.set).toBe(false);
    expect(view.fields['gemini.url']!.value).toBe(fake.url);
  });

  it('with the key saved in Settings, submits, polls and stores the clip in the media store with provenance', async () => {
    expect((await setKey('test-gemini-key')).status).toBe(200);
    const { shotId, png } = await readyShot();
    const job = await json<Job>(await host.api(`/shots/${shotId}/veo`, { method: 'POST' }), 202);
    expect(job.kind).toBe('shots.veo_submit');
    const done = await finished(job.id);
    expect(done.status, done.error ?? '').toBe('succeeded');
    const out = done.result as { shotId: string; mediaId: string; model: string; provider: string; operation: string; path?: string };
    expect(out).toMatchObject({ shotId, provider: 'veo', model: 'veo-3.1-generate-preview' });
    expect(out.path).toBeUndefined();
    // What Veo received: the real request with the reference image's bytes, not its media id.
    const sent = fake.operations.get(out.operation)!.body as { instances: { referenceImages: { image: { bytesBase64Encoded: string } }[] }[] };
    expect(Buffer.from(sent.instances[0]!.referenceImages[0]!.image.bytesBase64Encoded, 'base64').equals(png)).toBe(true);
    // The clip, byte for byte, with who made it.
    const file = await host.api(`/media/${out.mediaId}/file`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(FAKE_MP4)).toBe(true);
    const list = await json<{ media: MediaObject[] }>(await host.api('/media'));
    const media = list.media.find((m) => m.id === out.mediaId);
    expect(media).toMatchObject({ mime: 'video/mp4', provider: 'veo', model: 'veo-3.1-generate-preview', jobId: job.id });
    // The shot records it (after a reload too: the board reads it back from the job).
    const shot = (await json<ShotWithWarnings>(await host.api(`/shots/${shotId}`))).shot;
    expect(shot.veo).toMatchObject({ jobId: job.id, status: 'succeeded', mediaId: out.mediaId, model: 'veo-3.1-generate-preview', error: null });
    const board = await json<{ scenes: { shots: { id: string; veo?: { mediaId: string | null } | null }[] }[] }>(await host.api(`/shots/projects/${shot.projectId}`));
    expect(board.scenes[0]!.shots.find((s) => s.id === shotId)!.veo!.mediaId).toBe(out.mediaId);
  });

  it('a key Google refuses fails the job with the reason, and nothing is stored', async () => {
    expect((await setKey('wrong-gemini-key')).status).toBe(200);
    const { shotId } = await readyShot();
    const job = await json<Job>(await host.api(`/shots/${shotId}/veo`, { method: 'POST' }), 202);
    const done = await finished(job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/403 API key not valid.*check the Gemini API key/);
    expect(done.error).not.toMatch(/wrong-gemini-key/);
    const list = await json<{ media: MediaObject[] }>(await host.api('/media'));
    expect(list.media.filter((m) => m.provider === 'veo')).toHaveLength(1); // only the previous test's clip
    const shot = (await json<ShotWithWarnings>(await host.api(`/shots/${shotId}`))).shot;
    expect(shot.veo).toMatchObject({ jobId: job.id, status: 'failed', mediaId: null });
    expect(shot.veo!.error).toMatch(/check the Gemini API key/);
  });
});
