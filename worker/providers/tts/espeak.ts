import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CancelledError } from '../../task-context.js';
import { concatWavs, parseWav, pcmLevels } from '../../media/wav.js';
import { splitSentences } from '../asr/script-timing.js';
import { ProviderError, type ProviderModule } from '../types.js';
import { MAX_RATE, MIN_RATE, type SpeechAudio, type VoiceInfo } from './types.js';

/**
 * eSpeak NG compiled to WebAssembly (npm espeak-ng): the espeak-ng CLI with its voice data
 * embedded, run in-process. Each run is a fresh instance of the module (its main() keeps
 * global state), instantiated from one compiled WebAssembly.Module so only the first run pays
 * for compiling the 18 MB binary.
 */

interface EmscriptenFs {
  writeFile(path: string, data: string | Uint8Array): void;
  readFile(path: string): Uint8Array;
}
interface EspeakInstance {
  FS: EmscriptenFs;
}
type Factory = (moduleArg: Record<string, unknown>) => Promise<EspeakInstance>;

// lib "ES2023" has no WebAssembly typings; this is the part of the global we use.
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const require = createRequire(import.meta.url);
let loaded: Promise<{ factory: Factory; wasm: object }> | null = null;

function load(): Promise<{ factory: Factory; wasm: object }> {
  loaded ??= (async () => {
    try {
      const wasmPath = join(dirname(require.resolve('espeak-ng')), 'espeak-ng.wasm');
      const [mod, bytes] = await Promise.all([import('espeak-ng'), readFile(wasmPath)]);
      return { factory: mod.default as Factory, wasm: await wasmApi.compile(bytes) };
    } catch (err) {
      loaded = null;
      throw new ProviderError('espeak', `The embedded espeak-ng (npm espeak-ng) could not be loaded: ${(err as Error).message}. Reinstall the app's dependencies (npm ci).`, 'not_configured');
    }
  })();
  return loaded;
}

interface CliRun {
  status: number;
  out: string[];
  err: string[];
  instance: EspeakInstance;
}

/** Runs the espeak-ng CLI once with `args`, `files` written to its virtual FS first. */
async function runCli(args: string[], files: Record<string, string> = {}): Promise<CliRun> {
  const { factory, wasm } = await load();
  const out: string[] = [];
  const err: string[] = [];
  let status = 0;
  const instance = await factory({
    arguments: args,
    print: (l: string) => out.push(l),
    printErr: (l: string) => err.push(l),
    // The default quit sets process.exitCode; a worker must not inherit espeak's exit status.
    quit: (code: number, toThrow: unknown) => {
      status = code;
      throw toThrow;
    },
    preRun: [(m: EspeakInstance) => Object.entries(files).forEach(([p, d]) => m.FS.writeFile(p, d))],
    instantiateWasm: (imports: object, done: (instance: object, module: object) => void) => {
      void wasmApi.instantiate(wasm, imports).then((i) => done(i, wasm));
      return {};
    },
  });
  return { status, out, err: err.filter((l) => !l.startsWith('program exited')), instance };
}

let versionCache: Promise<string> | null = null;
export function espeakVersion(): Promise<string> {
  versionCache ??= runCli(['--version']).then((r) => /text-to-speech:\s*(\S+)/.exec(r.out.join('\n'))?.[1] ?? 'unknown');
  versionCache.catch(() => (versionCache = null));
  return versionCache;
}

let voicesCache: Promise<VoiceInfo[]> | null = null;
/** "Pty Language Age/Gender VoiceName File Other" rows of `espeak-ng --voices`. */
export function listEspeakVoices(): Promise<VoiceInfo[]> {
  voicesCache ??= runCli(['--voices']).then((r) =>
    r.out.slice(1).flatMap((line) => {
      const [, lang, gender, name, file] = line.trim().split(/\s+/);
      return lang && name ? [{ id: lang, name: name.replace(/_/g, ' '), detail: `${gender ?? ''} ${file ?? ''}`.trim() }] : [];
    }),
  );
  voicesCache.catch(() => (voicesCache = null));
  return voicesCache;
}

export const DEFAULT_ESPEAK_VOICE = 'en-us';
const BASE_WPM = 175;
const CHUNK_CHARS = 600;

/** Sentence-aligned chunks: each is one CLI run, and cancellation is checked between them. */
function chunks(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const s of splitSentences(text)) {
    for (let piece = s; piece.length > 0; ) {
      const cut = piece.length <= CHUNK_CHARS ? piece.length : piece.lastIndexOf(' ', CHUNK_CHARS) > 0 ? piece.lastIndexOf(' ', CHUNK_CHARS) : CHUNK_CHARS;
      const part = piece.slice(0, cut).trim();
      piece = piece.slice(cut).trim();
      if (cur && cur.length + 1 + part.length > CHUNK_CHARS) {
        out.push(cur);
        cur = part;
      } else cur = cur ? `${cur} ${part}` : part;
    }
  }
  if (cur) out.push(cur);
  return out;
}

export interface EspeakOptions {
  voice?: string | null;
  /** Multiple of the normal 175 words per minute. */
  rate?: number;
  /** 0..99, 50 is normal. */
  pitch?: number;
  signal?: AbortSignal;
}

export async function synthesizeEspeak(text: string, o: EspeakOptions = {}): Promise<SpeechAudio> {
  const voice = o.voice?.trim() || DEFAULT_ESPEAK_VOICE;
  const known = await listEspeakVoices();
  const base = voice.split('+')[0]!.toLowerCase();
  if (!known.some((v) => v.id.toLowerCase() === base || v.name.toLowerCase() === base || v.detail?.toLowerCase().endsWith(base))) {
    const english = known.filter((v) => v.id.startsWith('en')).map((v) => v.id);
    throw new ProviderError('espeak', `espeak-ng has no voice "${voice}". Use a language code such as ${english.slice(0, 6).join(', ')} (optionally with a variant, e.g. en-us+f3).`, 'not_configured');
  }
  const wpm = Math.round(BASE_WPM * Math.min(MAX_RATE, Math.max(MIN_RATE, o.rate ?? 1)));
  const pitch = Math.round(Math.min(99, Math.max(0, o.pitch ?? 50)));
  const parts = chunks(text);
  if (parts.length === 0) throw new ProviderError('espeak', 'Nothing to say: the text is empty', 'bad_response');
  const wavs: Buffer[] = [];
  for (const part of parts) {
    if (o.signal?.aborted) throw new CancelledError();
    const r = await runCli(['-w', '/out.wav', '-v', voice, '-s', String(wpm), '-p', String(pitch), '-f', '/in.txt'], { '/in.txt': part });
    if (r.status !== 0) throw new ProviderError('espeak', `espeak-ng exited ${r.status}: ${r.err.join(' ').slice(0, 300) || 'no message'}`, 'bad_response');
    wavs.push(Buffer.from(r.instance.FS.readFile('/out.wav')));
    // Let an abort or an IPC message in between runs (each run blocks the event loop).
    await new Promise((r2) => setImmediate(r2));
  }
  const wav = wavs.length === 1 ? wavs[0]! : concatWavs(wavs, 0).wav;
  const info = parseWav(wav);
  return { audio: wav, mime: 'audio/wav', ext: 'wav', durationSec: info.durationSec, sampleRate: info.sampleRate, provider: 'espeak', model: `espeak-ng ${await espeakVersion()}`, voice };
}

export const espeakProvider: ProviderModule = {
  id: 'espeak',
  label: 'eSpeak NG (embedded)',
  capabilities: ['tts'],
  embedded: true,
  // Status runs in the host with a 3 s cap: the first look compiles 18 MB of wasm, so it waits at
  // most 1.5 s for version + voices and otherwise reports the package, warming up for next time.
  async status() {
    let wasmPath: string;
    try {
      wasmPath = join(dirname(require.resolve('espeak-ng')), 'espeak-ng.wasm');
      if (!existsSync(wasmPath)) throw new Error(`${wasmPath} is missing`);
    } catch (err) {
      return { provider: 'espeak', reachable: false, version: null, detail: `The embedded espeak-ng (npm espeak-ng) is not installed: ${(err as Error).message}. Reinstall the app's dependencies (npm ci).` };
    }
    const info = Promise.all([espeakVersion(), listEspeakVoices()]);
    const ready = await Promise.race([info.then((r) => ({ r }), (err: Error) => ({ err })), new Promise<null>((r) => setTimeout(() => r(null), 1500).unref())]);
    if (ready && 'err' in ready) return { provider: 'espeak', reachable: false, version: null, detail: ready.err.message };
    if (!ready) return { provider: 'espeak', reachable: true, version: null, detail: 'espeak-ng (WebAssembly, in-process); loading its voices' };
    const [version, voices] = ready.r;
    return { provider: 'espeak', reachable: true, version, detail: `espeak-ng ${version} (WebAssembly, in-process), ${voices.length} voices`, voices: voices.map((v) => v.id) };
  },
  async test(_config, signal) {
    const t0 = performance.now();
    try {
      const s = await synthesizeEspeak('Hello from the studio.', { signal });
      const { rms } = pcmLevels(s.audio);
      const ok = s.durationSec > 0.3 && rms > 0.01;
      return { ok, detail: `${s.durationSec.toFixed(2)} s of speech at ${s.sampleRate} Hz (RMS ${rms.toFixed(3)})`, ms: performance.now() - t0 };
    } catch (err) {
      return { ok: false, detail: (err as Error).message, ms: performance.now() - t0 };
    }
  },
};
