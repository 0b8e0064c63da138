import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { parseWav } from '../../worker/media/wav.js';
import { elevenlabsProvider, listElevenLabsVoices, synthesizeElevenLabs } from '../../worker/providers/tts/elevenlabs.js';
import { planTts, synthesizeSpeech } from '../../worker/providers/tts/select.js';
import { ProviderError } from '../../worker/providers/types.js';
import { CancelledError } from '../../worker/task-context.js';
import { FakeElevenLabs, SECONDS_PER_CHAR } from '../fixtures/fake-elevenlabs.js';

const KEY = 'sk_test_9f2c4b7e1d3a5c8e0b6d4f2a1c3e5b7d';
const RACHEL = '21m00Tcm4TlvDq8ikWAM';
let fake: FakeElevenLabs;
const dataDir = mkdtempSync(join(tmpdir(), 'auteur-eleven-'));
const savedBase = process.env.ELEVENLABS_BASE_URL;

beforeAll(async () => {
  fake = await new FakeElevenLabs({ apiKey: KEY }).start();
  process.env.ELEVENLABS_BASE_URL = fake.url;
});
afterAll(async () => {
  await fake.close();
  if (savedBase === undefined) delete process.env.ELEVENLABS_BASE_URL;
  else process.env.ELEVENLABS_BASE_URL = savedBase;
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  fake.requests.length = 0;
});

const opts = { apiKey: KEY, voiceId: RACHEL, model: 'eleven_multilingual_v2', maxRetries: 0 };
const TEXT = 'The first move is what sets everything in motion.';

describe('ElevenLabs client (official SDK) against the protocol fake', () => {
  it('POSTs /v1/text-to-speech/{voice_id} with xi-api-key and measures the MP3 it gets back', async () => {
    const s = await synthesizeElevenLabs(TEXT, { ...opts, rate: 1.1, previousText: 'Before.', nextText: 'After.' });
    expect(s).toMatchObject({ provider: 'elevenlabs', model: 'eleven_multilingual_v2', voice: RACHEL, mime: 'audio/mpeg', ext: 'mp3', sampleRate: 44100 });
    expect(s.audio.subarray(0, 3).toString('latin1')).toMatch(/^(ID3|\xff)/);
    // Counted from the MP3 frames: the fake's tone lasts SECONDS_PER_CHAR per character.
    expect(s.durationSec).toBeGreaterThan(TEXT.length * SECONDS_PER_CHAR - 0.06);
    expect(s.durationSec).toBeLessThan(TEXT.length * SECONDS_PER_CHAR + 0.06);
    const [call] = fake.calls(`/v1/text-to-speech/${RACHEL}`);
    expect(call!.headers['xi-api-key']).toBe(KEY);
    expect(call!.body).toMatchObject({ text: TEXT, model_id: 'eleven_multilingual_v2', voice_settings: { speed: 1.1 }, previous_text: 'Before.', next_text: 'After.' });
  });

  it('honours output_format: pcm_22050 comes back as raw PCM and is wrapped as WAV', async () => {
    const s = await synthesizeElevenLabs(TEXT, { ...opts, outputFormat: 'pcm_22050' });
    expect(s).toMatchObject({ mime: 'audio/wav', sampleRate: 22050 });
    expect(parseWav(s.audio).durationSec).toBeCloseTo(TEXT.length * SECONDS_PER_CHAR, 2);
    expect(fake.requests.at(-1)!.path).toBe(`/v1/text-to-speech/${RACHEL}`);
  });

  it('lists voices from GET /v1/voices', async () => {
    const voices = await listElevenLabsVoices({ apiKey: KEY, maxRetries: 0 });
    expect(voices).toEqual([
      { id: RACHEL, name: 'Rachel', detail: 'premade' },
      { id: 'AZnzlk1XvdvUeBnXmlld', name: 'Domi', detail: 'premade' },
    ]);
  });

  it('a bad key is a clear auth error that never contains the key', async () => {
    const bad = 'sk_wrong_1234567890abcdef';
    const err = (await synthesizeElevenLabs(TEXT, { ...opts, apiKey: bad }).catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: 'elevenlabs', kind: 'auth' });
    expect(err.message).toMatch(/ElevenLabs rejected the API key \(HTTP 401, invalid_api_key/);
    expect(err.message).toMatch(/Settings → Providers|ELEVENLABS_API_KEY/);
    expect(err.message).not.toContain(bad);
    expect(err.message).not.toContain(KEY);
  });

  it('server errors, unknown voices and an unreachable host name the provider and the fix', async () => {
    fake.fail({ type: 'status', status: 500 });
    await expect(synthesizeElevenLabs(TEXT, opts)).rejects.toMatchObject({ provider: 'elevenlabs', kind: 'server_error', message: expect.stringMatching(/server error.*HTTP 500.*Try again/) });
    await expect(synthesizeElevenLabs(TEXT, { ...opts, voiceId: 'nope' })).rejects.toMatchObject({ kind: 'not_configured', message: expect.stringMatching(/404, voice_not_found/) });
    await expect(synthesizeElevenLabs(TEXT, { ...opts, baseUrl: 'http://127.0.0.1:9' })).rejects.toMatchObject({ kind: 'unreachable', message: expect.stringMatching(/not reachable at http:\/\/127\.0\.0\.1:9/) });
  });

  it('cancellation aborts the HTTP request', async () => {
    fake.fail({ type: 'slow', delayMs: 5000 });
    const ac = new AbortController();
    const t0 = performance.now();
    const p = synthesizeElevenLabs(TEXT, { ...opts, signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(performance.now() - t0).toBeLessThan(2000);
    await fake.waitForEarlyClose();
  });

  it('"auto" takes ElevenLabs when the key works, uses the first voice, and caches', async () => {
    const config = WorkerProviderConfig.parse({ elevenlabs: { apiKey: KEY } });
    const plan = await planTts(config, {});
    expect(plan).toMatchObject({ provider: 'elevenlabs', voice: RACHEL, model: 'eleven_multilingual_v2' });
    const a = await synthesizeSpeech(plan, { text: 'Cached once.' }, { dataDir });
    const b = await synthesizeSpeech(plan, { text: 'Cached once.' }, { dataDir });
    expect([a.cached, b.cached]).toEqual([false, true]);
    expect(a.path).toMatch(/\.mp3$/);
    expect(fake.calls(`/v1/text-to-speech/${RACHEL}`)).toHaveLength(1);
    // An espeak voice name keeps "auto" on espeak even with a working key.
    await expect(planTts(config, { voice: 'en-gb+f3' })).resolves.toMatchObject({ provider: 'espeak', voice: 'en-gb+f3' });
    // A key ElevenLabs refuses: auto falls back to espeak and says why.
    const refused = await planTts(WorkerProviderConfig.parse({ elevenlabs: { apiKey: 'sk_refused' } }), {});
    expect(refused.provider).toBe('espeak');
    expect(refused.reason).toMatch(/ElevenLabs not usable.*401/);
    expect(refused.reason).not.toContain('sk_refused');
  });

  it('provider module: status lists voices, test makes a real call', async () => {
    const config = WorkerProviderConfig.parse({ elevenlabs: { apiKey: KEY, voiceId: RACHEL } });
    const status = await elevenlabsProvider.status(config, new AbortController().signal);
    expect(status).toMatchObject({ provider: 'elevenlabs', reachable: true });
    expect(status.voices).toContain(`${RACHEL} Rachel`);
    expect((await elevenlabsProvider.test(config, new AbortController().signal)).ok).toBe(true);
    const none = await elevenlabsProvider.status(WorkerProviderConfig.parse({}), new AbortController().signal);
    expect(none).toMatchObject({ reachable: false, detail: expect.stringMatching(/No API key/) });
  });
});
