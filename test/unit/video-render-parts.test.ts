import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatVideoFailure, parseVideoFailure, progressStage } from '../../shared/jobs/video-render.js';
import { parsePlaylist } from '../../worker/media/ffmpeg/playlist.js';
import { parseWav, pcmLevels } from '../../worker/media/wav.js';
import { scriptTimedCues } from '../../worker/video/render/captions.js';
import { addLanguageToMaster, readMaster, writeMaster } from '../../worker/video/render/hls-master.js';
import { bedPlanFromTag, bedPlanTag, planMusicBed, synthesizeMusicBed } from '../../worker/video/render/music-bed.js';
import { chapterTitle } from '../../worker/video/render/render.js';
import { pieceCacheKey, pieceDuration, SPEECH_LEAD_SEC, SPEECH_TAIL_SEC, type PieceRequest } from '../../worker/video/render/scene-piece.js';
import { voiceFor } from '../../worker/video/render/speech.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';

const root = mkdtempSync(join(tmpdir(), 'auteur-video-parts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('video.render failure and progress messages', () => {
  it('name the stage and provider, and read back', () => {
    const m = formatVideoFailure('composing', 'ffmpeg', 'joining the scenes: FFmpeg failed');
    expect(m).toBe('composing [ffmpeg]: joining the scenes: FFmpeg failed');
    expect(parseVideoFailure(m)).toEqual({ stage: 'composing', provider: 'ffmpeg', message: 'joining the scenes: FFmpeg failed' });
    expect(parseVideoFailure('Cancelled by request')).toBeNull();
    expect(progressStage('rendering_final: scene s2 picture and voice (2/3)')).toBe('rendering_final');
    expect(progressStage('Speaking sentence 1')).toBeNull();
  });
});

describe('scene timing', () => {
  it('a scene lasts its plan or its speech with padding, plus the crossfade when another follows, in whole frames', () => {
    expect(pieceDuration({ durationSec: 3 }, 1, 0.5, false, 24)).toBeCloseTo(3.5, 6);
    expect(pieceDuration({ durationSec: 3 }, 1, 0.5, true, 24)).toBeCloseTo(3, 6);
    const long = pieceDuration({ durationSec: 1 }, 2.5, 0.5, true, 24);
    expect(long).toBeGreaterThanOrEqual(SPEECH_LEAD_SEC + 2.5 + SPEECH_TAIL_SEC - 1 / 48);
    expect(Number.isInteger(Math.round(long * 24 * 1000) / 1000)).toBe(true);
  });

  it('the piece cache key changes with the scene text and the voice, not with the scene id', () => {
    const scene = { id: 's1', description: 'Harbour at dawn', camera: 'wide', durationSec: 2, actions: [], dialog: [{ text: 'Morning.' }] };
    const speech = { path: '/x.wav', durationSec: 0.8, lines: 1, cachedSentences: 0, plan: { provider: 'espeak' as const, model: 'espeak-ng 1', voice: 'en-us', reason: '' }, segments: [{ text: 'Morning.', startSec: 0, durationSec: 0.8, cached: false }] };
    const base: PieceRequest = { scene, index: 1, title: 'T', style: 'cinematic', width: 640, height: 360, fps: 24, visuals: 'embedded', renderScale: 1, speech, durationSec: 2.5 };
    const k = pieceCacheKey(base);
    expect(pieceCacheKey({ ...base, scene: { ...scene, id: 'renamed' } })).toBe(k);
    expect(pieceCacheKey({ ...base, scene: { ...scene, description: 'Harbour at dusk' } })).not.toBe(k);
    expect(pieceCacheKey({ ...base, speech: { ...speech, plan: { ...speech.plan, voice: 'en-gb' } } })).not.toBe(k);
    // The title is drawn on scene 0 only.
    expect(pieceCacheKey({ ...base, title: 'Other' })).toBe(k);
    expect(pieceCacheKey({ ...base, renderScale: 0.5 })).not.toBe(k);
    expect(pieceCacheKey({ ...base, index: 0, title: 'Other' })).not.toBe(pieceCacheKey({ ...base, index: 0 }));
  });

  it('captions sit on the joined timeline, squeezed with a sped-up dub', () => {
    const speech = { path: '', durationSec: 2, lines: 1, cachedSentences: 0, plan: { provider: 'espeak' as const, model: '', voice: '', reason: '' }, segments: [{ text: 'One.', startSec: 0, durationSec: 1, cached: false }, { text: 'Two.', startSec: 1.2, durationSec: 0.8, cached: false }] };
    const cues = scriptTimedCues([{ speech: null, speechStartSec: 0.35 }, { speech, speechStartSec: 3.35, tempo: 2 }]);
    expect(cues.map((c) => [c.text, +c.startSec.toFixed(3), +c.endSec.toFixed(3)])).toEqual([
      ['One.', 3.35, 3.85],
      ['Two.', 3.95, 4.35],
    ]);
  });

  it('chapter titles are the first clause of the description', () => {
    expect(chapterTitle({ description: 'A storm at sea, emerald and gold. Waves crash.' }, 0)).toBe('A storm at sea, emerald and gold');
    expect(chapterTitle({ description: 'x'.repeat(100) }, 2).length).toBeLessThanOrEqual(61);
  });

  it('espeak speaks a non-English script with its language voice unless ElevenLabs will', () => {
    const plain = WorkerProviderConfig.parse({});
    const eleven = WorkerProviderConfig.parse({ elevenlabs: { apiKey: 'k' } });
    expect(voiceFor('fr', null, 'auto', plain)).toBe('fr');
    expect(voiceFor('pt-BR', null, 'auto', plain)).toBe('pt');
    expect(voiceFor('en', null, 'auto', plain)).toBeNull();
    expect(voiceFor('fr', null, 'auto', eleven)).toBeNull();
    expect(voiceFor('fr', null, 'espeak', eleven)).toBe('fr');
    expect(voiceFor('fr', 'fr-fr', 'auto', plain)).toBe('fr-fr');
  });
});

describe('music bed', () => {
  it('is deterministic per seed, minor for a storm, exactly as long as asked, below -6 dBFS', () => {
    const storm = planMusicBed('v1', 'noir storm at sea', 7);
    expect(storm.mood).toBe('minor');
    expect(planMusicBed('v1', 'sunny meadow', 7).mood).toBe('major');
    expect(planMusicBed('v1', 'x', 7).root).toBe(planMusicBed('v1', 'y', 7).root);
    expect(bedPlanFromTag(bedPlanTag(storm))).toMatchObject({ mood: storm.mood, root: storm.root });
    expect(bedPlanFromTag('nonsense')).toBeNull();
    const a = synthesizeMusicBed(storm, 7, join(root, 'a.wav'));
    const b = synthesizeMusicBed(storm, 7, join(root, 'b.wav'));
    expect(readFileSync(a.path).equals(readFileSync(b.path))).toBe(true);
    const wav = readFileSync(a.path);
    expect(parseWav(wav).durationSec).toBeCloseTo(7, 3);
    const lv = pcmLevels(wav);
    expect(lv.rms).toBeGreaterThan(0.02); // audible
    expect(lv.peak).toBeLessThan(0.5);
  });
});

describe('HLS master with audio and subtitles groups', () => {
  const master = writeMaster({
    variants: [{ uri: 'index0.m3u8', bandwidth: 900_000, averageBandwidth: 500_000, width: 1280, height: 720, codecs: 'avc1.64001f,mp4a.40.2' }],
    audio: [{ language: 'en', name: 'English', default: true, uri: 'audio_en.m3u8' }],
    subtitles: [{ language: 'en', name: 'English', default: false, uri: 'captions_en.m3u8' }],
    videoStartSec: 1.483333,
    musicBed: 'minor 3 3.5000',
  });

  it('every variant names both groups; the start time and bed travel with it', () => {
    const p = parsePlaylist(master);
    expect(p.variants[0]!.attrs).toMatchObject({ AUDIO: 'aud', SUBTITLES: 'subs', CODECS: 'avc1.64001f,mp4a.40.2' });
    expect(readMaster(master)).toMatchObject({ videoStartSec: 1.483333, musicBed: 'minor 3 3.5000', variants: 1 });
  });

  it('a dub adds one line to each group and keeps every other line (ingested URIs included)', () => {
    const ingested = master.replace(/URI="([^"]+)"/g, 'URI="../m-$1/file"').replace('index0.m3u8', '../m-index0/file');
    const next = addLanguageToMaster(ingested, { language: 'fr', name: 'French', default: false, uri: 'audio_fr.m3u8' }, { language: 'fr', name: 'French', default: false, uri: 'captions_fr.m3u8' });
    const info = readMaster(next);
    expect(info.audio.map((a) => [a.language, a.default, a.uri])).toEqual([
      ['en', true, '../m-audio_en.m3u8/file'],
      ['fr', false, 'audio_fr.m3u8'],
    ]);
    expect(info.subtitles.map((s) => s.language)).toEqual(['en', 'fr']);
    expect(parsePlaylist(next).variants.map((v) => v.uri)).toEqual(['../m-index0/file']);
    for (const line of ingested.trim().split('\n')) expect(next).toContain(line);
  });

  it('refuses a master without an audio group', () => {
    expect(() => addLanguageToMaster('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nindex0.m3u8\n', { language: 'fr', name: 'French', default: false, uri: 'a.m3u8' }, null)).toThrow(/no audio group/);
  });
});
