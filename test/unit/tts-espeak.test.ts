import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { parseWav, pcmLevels } from '../../worker/media/wav.js';
import { readCachedSpeech, ttsCacheDir } from '../../worker/providers/tts/cache.js';
import { espeakProvider, listEspeakVoices, synthesizeEspeak } from '../../worker/providers/tts/espeak.js';
import { planTts, synthesizeSpeech } from '../../worker/providers/tts/select.js';
import { ProviderError } from '../../worker/providers/types.js';
import { CancelledError } from '../../worker/task-context.js';

const dataDir = mkdtempSync(join(tmpdir(), 'auteur-tts-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const config = WorkerProviderConfig.parse({});

const SHORT = 'The studio is ready.';
const LONG = 'The studio is ready. Every frame is rendered on this machine, the voice is synthesized locally, and the captions are timed from the script itself.';
const words = (t: string) => t.split(/\s+/).length;

describe('espeak-ng (WebAssembly)', () => {
  it('speaks real, non-silent audio whose measured length fits the text', async () => {
    const short = await synthesizeEspeak(SHORT);
    const long = await synthesizeEspeak(LONG);
    for (const [s, text] of [[short, SHORT], [long, LONG]] as const) {
      expect(s.provider).toBe('espeak');
      expect(s.model).toMatch(/^espeak-ng \d+\.\d+/);
      const info = parseWav(s.audio);
      expect(info.sampleRate).toBe(22050);
      expect(s.durationSec).toBeCloseTo(info.dataBytes / 2 / info.sampleRate, 6);
      // A normal speaking pace: 1.5 to 5 words per second.
      const wps = words(text) / s.durationSec;
      expect(wps).toBeGreaterThan(1.5);
      expect(wps).toBeLessThan(5);
      const { rms, peak } = pcmLevels(s.audio);
      expect(rms).toBeGreaterThan(0.02);
      expect(peak).toBeGreaterThan(0.2);
    }
    expect(long.durationSec).toBeGreaterThan(short.durationSec * 3);
  });

  it('speaks faster at a higher rate, lists voices, and names the fix for an unknown voice', async () => {
    const normal = await synthesizeEspeak(LONG, { rate: 1 });
    const fast = await synthesizeEspeak(LONG, { rate: 1.6, voice: 'en-gb' });
    expect(fast.durationSec).toBeLessThan(normal.durationSec * 0.8);
    expect(fast.voice).toBe('en-gb');
    const voices = await listEspeakVoices();
    expect(voices.length).toBeGreaterThan(50);
    expect(voices.map((v) => v.id)).toEqual(expect.arrayContaining(['en-us', 'en-gb', 'de', 'fr-fr']));
    const err = await synthesizeEspeak('Hi.', { voice: 'xx-nowhere' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).message).toMatch(/no voice "xx-nowhere".*en-us/);
  });

  it('stops between chunks when cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(synthesizeEspeak(LONG, { signal: ac.signal })).rejects.toBeInstanceOf(CancelledError);
  });

  it('reports status and passes its own test', async () => {
    const status = await espeakProvider.status(config, new AbortController().signal);
    expect(status).toMatchObject({ provider: 'espeak', reachable: true });
    expect(status.voices).toContain('en-us');
    const test = await espeakProvider.test(config, new AbortController().signal);
    expect(test.ok, test.detail).toBe(true);
  });
});

describe('speech cache and provider choice', () => {
  it('serves identical requests from <dataDir>/cache/tts and misses when anything changes', async () => {
    const plan = await planTts(config, {});
    expect(plan).toMatchObject({ provider: 'espeak', voice: 'en-us' });
    expect(plan.reason).toMatch(/no ElevenLabs key/);
    const first = await synthesizeSpeech(plan, { text: SHORT }, { dataDir });
    expect(first.cached).toBe(false);
    expect(first.path.startsWith(ttsCacheDir(dataDir))).toBe(true);
    expect(first.path).toMatch(/[0-9a-f]{64}\.wav$/);
    expect(existsSync(first.path.replace(/\.wav$/, '.json'))).toBe(true);
    const t0 = performance.now();
    const again = await synthesizeSpeech(plan, { text: SHORT }, { dataDir });
    expect(performance.now() - t0).toBeLessThan(100);
    expect(again).toEqual({ ...first, cached: true });
    expect(readFileSync(again.path).equals(readFileSync(first.path))).toBe(true);
    const faster = await synthesizeSpeech(plan, { text: SHORT, rate: 1.3 }, { dataDir });
    expect(faster.cached).toBe(false);
    expect(faster.path).not.toBe(first.path);
    expect(readCachedSpeech(dataDir, { provider: 'espeak', model: plan.model, voice: 'en-us', text: SHORT, rate: 1, pitch: 50, format: 'wav' })?.path).toBe(first.path);
  });

  it('explicit choices: espeak works, ElevenLabs without a key and non-TTS providers fail clearly', async () => {
    await expect(planTts(config, { choice: 'espeak', voice: 'fr-fr' })).resolves.toMatchObject({ provider: 'espeak', voice: 'fr-fr' });
    const noKey = (await planTts(config, { choice: 'elevenlabs' }).catch((e: unknown) => e)) as ProviderError;
    expect(noKey).toMatchObject({ provider: 'elevenlabs', kind: 'not_configured' });
    expect(noKey.message).toMatch(/ELEVENLABS_API_KEY|Settings/);
    await expect(planTts(config, { choice: 'ollama' })).rejects.toThrow(/does not synthesize speech/);
  });
});
