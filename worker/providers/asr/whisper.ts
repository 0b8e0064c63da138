import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { CancelledError } from '../../task-context.js';
import { runProcess } from '../../tools/run-process.js';
import { ProviderError, type ProviderModule } from '../types.js';
import { parseVtt, type Cue } from './vtt.js';

/**
 * Whisper through nodejs-whisper's whisper.cpp. We use the package's whisper.cpp checkout, model
 * names and downloader, but start `whisper-cli` ourselves: nodewhisper() runs it via shelljs
 * (no way to kill it on cancel) and `cd`s the whole worker process into the package folder.
 * Models are never downloaded implicitly: a missing one is reported with the command to fetch it.
 */

const require = createRequire(import.meta.url);

interface WhisperConstants {
  MODELS_LIST: string[];
  MODEL_OBJECT: Record<string, string>;
  WHISPER_CPP_PATH: string;
}

function constants(): WhisperConstants | null {
  try {
    return require('nodejs-whisper/dist/constants.js') as WhisperConstants;
  } catch {
    return null;
  }
}

export interface WhisperSetup {
  whisperCppDir: string | null;
  binary: string | null;
  model: string;
  modelPath: string | null;
  /** Present when something is missing: what, and the exact command that fixes it. */
  problem: { kind: 'not_configured' | 'missing_model'; message: string } | null;
}

const sh = (p: string) => (/[^\w@%+=:,./-]/.test(p) ? `"${p.replace(/(["\\$`])/g, '\\$1')}"` : p);

export function locateWhisper(config: Pick<WorkerProviderConfig, 'whisper'>, env: NodeJS.ProcessEnv = process.env): WhisperSetup {
  const c = constants();
  const model = config.whisper.model;
  const dir = c ? c.WHISPER_CPP_PATH : null;
  const exe = process.platform === 'win32' ? 'whisper-cli.exe' : 'whisper-cli';
  const binaries = [env.WHISPER_CPP_BIN, ...(dir ? [join(dir, 'build', 'bin', exe), join(dir, 'build', 'bin', 'Release', exe), join(dir, 'build', exe)] : [])].filter((p): p is string => !!p);
  const binary = binaries.find((p) => existsSync(p)) ?? null;
  const setup: WhisperSetup = { whisperCppDir: dir, binary, model, modelPath: null, problem: null };
  if (!c || !dir) {
    setup.problem = { kind: 'not_configured', message: 'nodejs-whisper is not installed; reinstall the app\'s dependencies (npm ci).' };
    return setup;
  }
  // A path to a ggml .bin file, or one of whisper.cpp's model names.
  const file = model.endsWith('.bin') ? model : c.MODEL_OBJECT[model];
  if (!file) {
    setup.problem = { kind: 'not_configured', message: `Unknown Whisper model "${model}"; choose one of ${c.MODELS_LIST.join(', ')} in Settings → Providers.` };
    return setup;
  }
  const candidates = model.endsWith('.bin') ? [model] : [...(env.WHISPER_MODEL_DIR ? [join(env.WHISPER_MODEL_DIR, file)] : []), join(dir, 'models', file)];
  setup.modelPath = candidates.find((p) => existsSync(p)) ?? null;
  if (!binary) {
    setup.problem = {
      kind: 'not_configured',
      message: `whisper.cpp is not built yet (needs cmake and a C++ compiler). Build it once with: cd ${sh(dir)} && cmake -B build && cmake --build build --config Release`,
    };
  } else if (!setup.modelPath) {
    setup.problem = {
      kind: 'missing_model',
      message: model.endsWith('.bin')
        ? `Whisper model file ${model} does not exist.`
        : `Whisper model "${model}" is missing (${file}). Download it with: sh ${sh(join(dir, 'models', 'download-ggml-model.sh'))} ${model}`,
    };
  }
  return setup;
}

export interface Transcript {
  cues: Cue[];
  text: string;
  model: string;
}

/**
 * Audio (any format ffmpeg reads) → 16 kHz mono WAV → whisper-cli → WebVTT cues. Cancel and
 * timeout kill whisper-cli.
 */
export async function transcribeWhisper(
  audioPath: string,
  o: { config: Pick<WorkerProviderConfig, 'whisper'>; ffmpegPath: string; signal?: AbortSignal; language?: string; timeoutMs?: number },
): Promise<Transcript> {
  const setup = locateWhisper(o.config);
  if (setup.problem) throw new ProviderError('whisper', setup.problem.message, setup.problem.kind);
  const dir = mkdtempSync(join(tmpdir(), 'auteur-whisper-'));
  try {
    const wav = join(dir, 'input.wav');
    const conv = await runProcess(o.ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-i', audioPath, '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', '-y', wav], { timeoutMs: 120_000, signal: o.signal });
    if (o.signal?.aborted) throw new CancelledError();
    if (conv.code !== 0) throw new ProviderError('ffmpeg', `Could not convert ${audioPath} for Whisper: ${conv.stderr.slice(0, 300)}`, 'bad_response');
    const language = o.language ?? (setup.model.endsWith('.en') ? 'en' : 'auto');
    const threads = String(Math.max(1, Math.min(8, cpus().length - 1)));
    const out = join(dir, 'transcript');
    const r = await runProcess(setup.binary!, ['-m', setup.modelPath!, '-f', wav, '-l', language, '-t', threads, '-ovtt', '-of', out, '-np'], {
      timeoutMs: o.timeoutMs ?? 30 * 60_000,
      signal: o.signal,
      cwd: dir,
    });
    if (o.signal?.aborted) throw new CancelledError();
    if (r.timedOut) throw new ProviderError('whisper', `Whisper (${setup.model}) took longer than ${Math.round((o.timeoutMs ?? 0) / 1000)} s and was stopped; try a smaller model.`, 'timeout');
    if (r.code !== 0 || !existsSync(`${out}.vtt`)) {
      throw new ProviderError('whisper', `whisper-cli failed (exit ${r.code ?? r.signal}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`, 'bad_response');
    }
    const cues = parseVtt(readFileSync(`${out}.vtt`, 'utf8')).filter((c) => c.text.trim() && !/^\[(BLANK_AUDIO|MUSIC)\]$/i.test(c.text.trim()));
    return { cues, text: cues.map((c) => c.text).join(' '), model: `whisper.cpp ${setup.model}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const whisperProvider: ProviderModule = {
  id: 'whisper',
  label: 'Whisper (whisper.cpp)',
  capabilities: ['asr'],
  embedded: false,
  async status(config) {
    const s = locateWhisper(config);
    if (s.problem) return { provider: 'whisper', reachable: false, version: null, detail: s.problem.message, models: [s.model] };
    return { provider: 'whisper', reachable: true, version: null, detail: `whisper-cli ${s.binary}, model ${s.model} (${s.modelPath})`, models: [s.model] };
  },
  async test(config, signal) {
    const t0 = performance.now();
    try {
      const s = locateWhisper(config);
      if (s.problem) throw new ProviderError('whisper', s.problem.message, s.problem.kind);
      // A real round trip: speak two words with the embedded TTS, then transcribe them.
      const [{ synthesizeEspeak }, { resolveFfmpegPath }] = await Promise.all([import('../tts/espeak.js'), import('../../media/ffmpeg/locate.js')]);
      const speech = await synthesizeEspeak('Hello world.', { signal });
      const dir = mkdtempSync(join(tmpdir(), 'auteur-whisper-test-'));
      try {
        const wav = join(dir, 'hello.wav');
        writeFileSync(wav, speech.audio);
        const t = await transcribeWhisper(wav, { config, ffmpegPath: resolveFfmpegPath(config), signal, timeoutMs: 120_000 });
        const ok = /hello/i.test(t.text);
        return { ok, detail: `heard "${t.text.trim()}" (${t.model})`, ms: performance.now() - t0 };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } catch (err) {
      return { ok: false, detail: (err as Error).message, ms: performance.now() - t0 };
    }
  },
};

