import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpeechAudio } from './types.js';

/**
 * Speech cache under <dataDir>/cache/tts: <sha256>.<ext> + <sha256>.json. The key is everything
 * that changes the audio (provider, model, voice, text, rate, pitch, format), so a re-run of a
 * script re-synthesizes only the sentences that changed — and ElevenLabs is not billed twice.
 */

export interface TtsCacheKey {
  provider: string;
  model: string;
  voice: string;
  text: string;
  rate: number;
  pitch?: number | null;
  format?: string | null;
}

export interface CachedSpeech {
  /** The cached file (shared: copy it, never move or edit it). */
  path: string;
  mime: SpeechAudio['mime'];
  ext: SpeechAudio['ext'];
  durationSec: number;
  sampleRate: number;
  provider: SpeechAudio['provider'];
  model: string;
  voice: string;
  cached: boolean;
}

export function ttsCacheDir(dataDir: string): string {
  return join(dataDir, 'cache', 'tts');
}

export function ttsCacheHash(k: TtsCacheKey): string {
  const canonical = [k.provider, k.model, k.voice, k.rate.toFixed(3), k.pitch ?? '', k.format ?? '', k.text].join('\u0000');
  return createHash('sha256').update(canonical).digest('hex');
}

interface Sidecar {
  mime: CachedSpeech['mime'];
  ext: CachedSpeech['ext'];
  durationSec: number;
  sampleRate: number;
  provider: CachedSpeech['provider'];
  model: string;
  voice: string;
  chars: number;
  createdAt: string;
}

export function readCachedSpeech(dataDir: string, key: TtsCacheKey): CachedSpeech | null {
  const hash = ttsCacheHash(key);
  const meta = join(ttsCacheDir(dataDir), `${hash}.json`);
  if (!existsSync(meta)) return null;
  try {
    const s = JSON.parse(readFileSync(meta, 'utf8')) as Sidecar;
    const path = join(ttsCacheDir(dataDir), `${hash}.${s.ext}`);
    if (!existsSync(path)) return null;
    return { path, mime: s.mime, ext: s.ext, durationSec: s.durationSec, sampleRate: s.sampleRate, provider: s.provider, model: s.model, voice: s.voice, cached: true };
  } catch {
    return null; // a torn or foreign sidecar is a miss
  }
}

/** Audio first, sidecar last, each via rename: a reader never sees a sidecar without its audio. */
export function writeCachedSpeech(dataDir: string, key: TtsCacheKey, a: SpeechAudio): CachedSpeech {
  const dir = ttsCacheDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const hash = ttsCacheHash(key);
  const path = join(dir, `${hash}.${a.ext}`);
  const tmp = join(dir, `.${randomUUID()}.tmp`);
  writeFileSync(tmp, a.audio);
  renameSync(tmp, path);
  const sidecar: Sidecar = { mime: a.mime, ext: a.ext, durationSec: a.durationSec, sampleRate: a.sampleRate, provider: a.provider, model: a.model, voice: a.voice, chars: key.text.length, createdAt: new Date().toISOString() };
  writeFileSync(tmp, JSON.stringify(sidecar, null, 2));
  renameSync(tmp, join(dir, `${hash}.json`));
  return { path, mime: a.mime, ext: a.ext, durationSec: a.durationSec, sampleRate: a.sampleRate, provider: a.provider, model: a.model, voice: a.voice, cached: false };
}

export async function cachedSpeech(dataDir: string, key: TtsCacheKey, synthesize: () => Promise<SpeechAudio>): Promise<CachedSpeech> {
  return readCachedSpeech(dataDir, key) ?? writeCachedSpeech(dataDir, key, await synthesize());
}
