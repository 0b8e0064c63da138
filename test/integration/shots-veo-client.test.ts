import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { VeoGeminiRequest } from '../../shared/shots/veo.js';
import { generateVeoClip, VeoError } from '../../worker/shots/veo-client.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { FAKE_MP4, startFakeVeo, type FakeVeo } from '../fixtures/fake-veo.js';

const dir = mkdtempSync(join(tmpdir(), 'auteur-veo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = VeoGeminiRequest.parse({
  instances: [{ prompt: 'Medium shot: Steel steps onto the patio with two beers.', referenceImages: [{ image: { bytesBase64Encoded: Buffer.from('png').toString('base64'), mimeType: 'image/png' }, referenceType: 'ASSET' }] }],
  parameters: { durationSeconds: 8, aspectRatio: '16:9', resolution: '720p', sampleCount: 1 },
});

async function veoError(p: Promise<unknown>): Promise<VeoError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof VeoError) return err;
    throw err;
  }
  throw new Error('expected a VeoError');
}

describe('Veo 3.1 client against the Gemini API protocol fake', () => {
  let fake: FakeVeo;
  afterEach(() => fake.close());

  it('submits, polls the operation until done and downloads the clip through the redirect', async () => {
    fake = await startFakeVeo({ pollsUntilDone: 2 });
    const polls: number[] = [];
    const out = join(dir, 'clip.mp4');
    const clip = await generateVeoClip(request, out, { apiKey: 'test-gemini-key', baseUrl: fake.url, pollMs: 5, onPoll: (n) => polls.push(n) });
    expect(clip).toMatchObject({ model: 'veo-3.1-generate-preview', mime: 'video/mp4', bytes: FAKE_MP4.length });
    expect(clip.operation).toMatch(/^models\/veo-3\.1-generate-preview\/operations\//);
    expect(readFileSync(out).equals(FAKE_MP4)).toBe(true);
    expect(polls).toEqual([1, 2, 3]);
    const submit = fake.requests.find((r) => r.method === 'POST')!;
    expect(submit.path).toBe('/v1beta/models/veo-3.1-generate-preview:predictLongRunning');
    expect(submit.headers['x-goog-api-key']).toBe('test-gemini-key');
    expect(submit.body).toEqual(request);
  });

  it('says why when there is no clip: a bad key, a failed operation, a safety filter, a timeout, no server', async () => {
    fake = await startFakeVeo();
    const out = join(dir, 'none.mp4');
    expect(await veoError(generateVeoClip(request, out, { apiKey: 'wrong', baseUrl: fake.url, pollMs: 5 }))).toMatchObject({ kind: 'auth', message: expect.stringMatching(/403 API key not valid.*check the Gemini API key/) });
    await fake.close();
    fake = await startFakeVeo({ outcome: 'error', pollsUntilDone: 0 });
    expect(await veoError(generateVeoClip(request, out, { apiKey: 'test-gemini-key', baseUrl: fake.url, pollMs: 5 }))).toMatchObject({ kind: 'failed', message: expect.stringMatching(/Internal error/) });
    await fake.close();
    fake = await startFakeVeo({ outcome: 'filtered', pollsUntilDone: 0 });
    expect(await veoError(generateVeoClip(request, out, { apiKey: 'test-gemini-key', baseUrl: fake.url, pollMs: 5 }))).toMatchObject({ kind: 'filtered', message: expect.stringMatching(/real person/) });
    await fake.close();
    fake = await startFakeVeo({ pollsUntilDone: 1000 });
    expect(await veoError(generateVeoClip(request, out, { apiKey: 'test-gemini-key', baseUrl: fake.url, pollMs: 20, timeoutMs: 100 }))).toMatchObject({ kind: 'timeout' });
    expect(await veoError(generateVeoClip(request, out, { apiKey: 'k', baseUrl: await closedPortUrl(), pollMs: 5 }))).toMatchObject({ kind: 'unreachable' });
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a request the Gemini API would refuse before sending it', async () => {
    fake = await startFakeVeo();
    const vertexOnly = { ...request, parameters: { ...request.parameters, seed: 7 } };
    await expect(generateVeoClip(vertexOnly, join(dir, 'x.mp4'), { apiKey: 'test-gemini-key', baseUrl: fake.url })).rejects.toThrow(/Vertex AI parameter/);
    expect(fake.requests).toHaveLength(0);
  });
});
