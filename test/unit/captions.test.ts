import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { narrate, narrationCaptions } from '../../worker/media/narration.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { parseWav } from '../../worker/media/wav.js';
import { MAX_LINE_CHARS, captionChunks, scriptTimingProvider, splitSentences, timeCaptions, wrapLines } from '../../worker/providers/asr/script-timing.js';
import { formatTimestamp, parseVtt, toSrt, toVtt } from '../../worker/providers/asr/vtt.js';
import { locateWhisper, transcribeWhisper, whisperProvider } from '../../worker/providers/asr/whisper.js';

const dir = mkdtempSync(join(tmpdir(), 'auteur-captions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = WorkerProviderConfig.parse({});

describe('WebVTT / SRT', () => {
  it('writes and reads back cues, and exports SRT', () => {
    const cues = [
      { startSec: 0, endSec: 1.25, text: 'Hello there.' },
      { startSec: 3723.5, endSec: 3725.004, text: 'Two lines\nof text --> arrows' },
    ];
    const vtt = toVtt(cues);
    expect(vtt.startsWith('WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.250\nHello there.')).toBe(true);
    expect(formatTimestamp(3723.5)).toBe('01:02:03.500');
    expect(parseVtt(vtt)).toEqual([cues[0], { ...cues[1], text: 'Two lines\nof text → arrows' }]);
    expect(toSrt(cues)).toContain('2\n01:02:03,500 --> 01:02:05,004\n');
    expect(parseVtt(toSrt(cues))[1]!.startSec).toBe(3723.5);
    expect(parseVtt('WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\nNOTE hi\n\nid-1\n00:01.000 --> 00:02.500 align:start\n<v Bob>Hi</v>\n')).toEqual([{ startSec: 1, endSec: 2.5, text: 'Hi' }]);
  });
});

describe('captions timed from the script', () => {
  it('splits sentences, keeping abbreviations and decimals together', () => {
    expect(splitSentences('Dr. Smith arrived at 3.5 pm. Was it late?  "Yes!" she said.\n\nNew paragraph')).toEqual([
      'Dr. Smith arrived at 3.5 pm.',
      'Was it late?',
      '"Yes!" she said.',
      'New paragraph',
    ]);
  });

  it('wraps cues to at most 2 lines of 42 characters, preferring phrase breaks', () => {
    const long = 'When the lights came up over the valley, every window in the town lit at once, and the whole orchestra began to play the overture nobody had heard in years.';
    const chunks = captionChunks(long);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      const lines = c.split('\n');
      expect(lines.length).toBeLessThanOrEqual(2);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(MAX_LINE_CHARS);
    }
    expect(chunks.join(' ').replace(/\n/g, ' ')).toBe(long);
    expect(chunks[0]!.replace(/\n/g, ' ')).toMatch(/once,$/);
    expect(wrapLines('a'.repeat(50))).toEqual(['a'.repeat(42), 'a'.repeat(8)]);
  });

  it('cue boundaries equal the cumulative measured durations plus pauses', () => {
    const cues = timeCaptions(
      [
        { text: 'One.', durationSec: 1.2 },
        { text: 'Two, which is a much longer sentence that will not fit into one caption of two lines.', durationSec: 4 },
        { text: 'Three.', durationSec: 0.8 },
      ],
      { pauseSec: 0.5 },
    );
    expect(cues[0]).toEqual({ startSec: 0, endSec: 1.2, text: 'One.' });
    const second = cues.slice(1, -1);
    expect(second.length).toBeGreaterThan(1);
    expect(second[0]!.startSec).toBeCloseTo(1.7, 9);
    expect(second.at(-1)!.endSec).toBeCloseTo(5.7, 9);
    for (let i = 1; i < second.length; i++) expect(second[i]!.startSec).toBe(second[i - 1]!.endSec);
    expect(cues.at(-1)!.startSec).toBeCloseTo(6.2, 9);
    expect(cues.at(-1)!.endSec).toBeCloseTo(7.0, 9);
  });

  it('narration (espeak) → captions aligned to each sentence\'s measured audio', async () => {
    const text = 'First, a short line. Then a second sentence, a little longer than the first one. Done.';
    const n = await narrate({ text, pauseSec: 0.4 }, { config, dataDir: dir, outDir: dir, ffmpegPath: () => resolveFfmpegPath(config) });
    expect(n.segments.map((s) => s.text)).toEqual(splitSentences(text));
    const wav = parseWav((await import('node:fs')).readFileSync(n.path));
    expect(wav.durationSec).toBeCloseTo(n.durationSec, 6);
    let t = 0;
    for (const s of n.segments) {
      expect(s.startSec).toBeCloseTo(t, 4);
      t = s.startSec + s.durationSec + 0.4;
    }
    expect(n.durationSec).toBeCloseTo(t - 0.4, 4);
    const cues = narrationCaptions(n);
    for (const s of n.segments) {
      const mine = cues.filter((c) => c.startSec >= s.startSec - 1e-9 && c.endSec <= s.startSec + s.durationSec + 1e-9);
      expect(mine[0]!.startSec).toBeCloseTo(s.startSec, 6);
      expect(mine.at(-1)!.endSec).toBeCloseTo(s.startSec + s.durationSec, 6);
    }
    expect((await scriptTimingProvider.test(config, new AbortController().signal)).ok).toBe(true);
  });
});

describe('Whisper (whisper.cpp via nodejs-whisper)', () => {
  it('reports a missing build or model with the exact command, and never downloads', async () => {
    const setup = locateWhisper(config, {});
    expect(setup.whisperCppDir).toMatch(/nodejs-whisper[/\\]cpp[/\\]whisper\.cpp$/);
    expect(setup.problem?.message).toMatch(/cmake -B build && cmake --build build --config Release|download-ggml-model\.sh base\.en/);
    const status = await whisperProvider.status(config, new AbortController().signal);
    expect(status).toMatchObject({ provider: 'whisper', reachable: false });
    const bin = resolve('test/fixtures/fake-whisper-cli.mjs');
    const noModel = locateWhisper(config, { WHISPER_CPP_BIN: bin, WHISPER_MODEL_DIR: dir });
    expect(noModel.problem).toMatchObject({ kind: 'missing_model' });
    expect(noModel.problem!.message).toMatch(/Whisper model "base.en" is missing \(ggml-base\.en\.bin\)\. Download it with: sh .*download-ggml-model\.sh base\.en$/);
    expect(locateWhisper({ whisper: { model: 'huge' } }, { WHISPER_CPP_BIN: bin }).problem!.message).toMatch(/Unknown Whisper model "huge"; choose one of tiny, tiny\.en/);
  });

  it('converts to 16 kHz mono, runs whisper-cli with -ovtt and reads its cues', async () => {
    const bin = resolve('test/fixtures/fake-whisper-cli.mjs');
    chmodSync(bin, 0o755);
    const model = join(dir, 'ggml-base.en.bin');
    writeFileSync(model, 'not real weights');
    const saved = { ...process.env };
    process.env.WHISPER_CPP_BIN = bin;
    try {
      const { synthesizeEspeak } = await import('../../worker/providers/tts/espeak.js');
      const audio = join(dir, 'hello.wav');
      writeFileSync(audio, (await synthesizeEspeak('Hello world.')).audio);
      const t = await transcribeWhisper(audio, { config: { whisper: { model } }, ffmpegPath: resolveFfmpegPath(config) });
      expect(t.text).toBe('Hello world.');
      expect(t.cues).toHaveLength(1); // [BLANK_AUDIO] is dropped
      expect(t.cues[0]!.startSec).toBe(0);
      expect(t.model).toBe(`whisper.cpp ${model}`);
    } finally {
      process.env = saved;
    }
  });
});
