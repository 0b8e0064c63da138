import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ShotsAnimaticInput, ShotsAnimaticOutput } from '../../shared/jobs/shots-animatic.js';
import type { Cue } from '../providers/asr/vtt.js';
import { CancelledError } from '../task-context.js';
import { concatAudio, muxAudioVideo, type AudioPart } from '../media/ffmpeg/audio.js';
import { ffmpegCapabilities, resolveFfmpegPath } from '../media/ffmpeg/locate.js';
import { imagesToVideo } from '../media/ffmpeg/slideshow.js';
import { burnSubtitles } from '../media/ffmpeg/subtitles.js';
import { fileRef } from '../media/file-ref.js';
import { resolveMediaFile } from '../media/media-file.js';
import { buildWav } from '../media/wav.js';
import { narrate } from '../media/narration.js';
import type { ComposeEnv } from '../media/compose.js';

/**
 * A scene's animatic: every shot held for its duration on its reference image (or a title card
 * naming the shot), its action as a caption, its quoted dialogue spoken by the configured TTS.
 * A shot lasts at least as long as its dialogue takes to say; 3 s when it has no estimate.
 */

/** What the animatic needs from its job: the same as media.compose. */
export type AnimaticEnv = ComposeEnv;

const DEFAULT_SHOT_SEC = 3;
const SPEECH_TAIL_SEC = 0.4;

/** Quoted dialogue in a shot description: `MAYA: “Come on.”` or `MAYA: "Come on."`. */
export function quotedDialogue(description: string): { character: string; text: string }[] {
  // A cue may follow a capitalised sentence ("… GRANTED. MAYA: “…”"): the name is after its last full stop.
  return [...description.matchAll(/([A-Z][A-Z0-9 .'’()-]*?):\s*[“"]([^”"]+)[”"]/g)].map((m) => ({ character: m[1]!.split(/\.\s+/).pop()!.trim(), text: m[2]!.trim() }));
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function wrap(text: string, width: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (line + ' ' + w).length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1]!.replace(/.{0,2}$/, '')}…`;
  }
  return lines;
}

/** A dark card: "SHOT 3 — CLOSE-UP", the slugline and the description, as a PNG. */
export async function titleCard(path: string, w: number, h: number, heading: string, slugline: string, description: string): Promise<void> {
  const size = Math.round(Math.min(w, h) * 0.05);
  const body = wrap(description, Math.max(20, Math.floor(w / (size * 0.62))), 5);
  const text = (y: number, s: string, px: number, fill: string) => `<text x="50%" y="${y}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${px}" fill="${fill}" text-anchor="middle">${escapeXml(s)}</text>`;
  const top = h * 0.3;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">`,
    `<rect width="100%" height="100%" fill="#15161a"/>`,
    text(top, heading, Math.round(size * 1.3), '#f2f2f2'),
    text(top + size * 1.8, slugline, Math.round(size * 0.8), '#9aa0aa'),
    ...body.map((l, i) => text(top + size * (3.6 + i * 1.4), l, size, '#d8d8d8')),
    '</svg>',
  ].join('');
  await sharp(Buffer.from(svg)).png().toFile(path);
}

function caption(description: string, spoken: { character: string; text: string }[]): string {
  const text = spoken.length ? spoken.map((d) => `${d.character}: ${d.text}`).join(' ') : description;
  return wrap(text, 48, 2).join('\n');
}

export async function renderAnimatic(input: ShotsAnimaticInput, env: AnimaticEnv): Promise<ShotsAnimaticOutput> {
  const ff = resolveFfmpegPath(env.config);
  const caps = await ffmpegCapabilities(ff, env.signal);
  const [width, height] = input.aspectRatio === '9:16' ? [720, 1280] : [1280, 720];
  const check = () => {
    if (env.signal.aborted) throw new CancelledError();
  };
  const slides: { path: string; durationSec: number }[] = [];
  const audio: AudioPart[] = [];
  const cues: Cue[] = [];
  const shots: ShotsAnimaticOutput['shots'] = [];
  let tts: ShotsAnimaticOutput['tts'] = null;
  let t = 0;
  const silence = join(env.workDir, 'silence.wav');
  writeFileSync(silence, buildWav(Buffer.alloc(2205 * 2), 22050));

  for (const [i, shot] of input.shots.entries()) {
    check();
    env.progress((0.6 * i) / input.shots.length, `Shot ${i + 1} of ${input.shots.length}`);
    const dir = join(env.workDir, `shot-${i + 1}`);
    mkdirSync(dir, { recursive: true });
    const spoken = input.speech ? quotedDialogue(shot.description) : [];
    let speechSec = 0;
    let speechPath: string | null = null;
    if (spoken.length) {
      const n = await narrate(
        { text: spoken.map((d) => d.text).join(' '), ...(input.tts ? { choice: input.tts } : {}), ...(input.voice ? { voice: input.voice } : {}), pauseSec: 0.25 },
        { config: env.config, dataDir: env.dataDir, outDir: dir, ffmpegPath: () => ff, signal: env.signal, log: (m) => env.log('info', m) },
      );
      speechSec = n.durationSec;
      speechPath = n.path;
      tts ??= { provider: n.plan.provider, model: n.plan.model, voice: n.plan.voice };
    }
    const durationSec = Math.round(Math.max(shot.duration ?? DEFAULT_SHOT_SEC, speechSec ? speechSec + SPEECH_TAIL_SEC : 0, 1) * 1000) / 1000;
    let image: 'reference' | 'title_card' = 'title_card';
    let path = join(dir, 'card.png');
    if (shot.imageMediaId) {
      path = resolveMediaFile(env.dataDir, shot.imageMediaId).path;
      image = 'reference';
    } else {
      await titleCard(path, width, height, `SHOT ${i + 1}${shot.shotType ? ` — ${shot.shotType}` : ''}`, input.slugline, shot.description);
    }
    slides.push({ path, durationSec });
    audio.push(speechPath ? { path: speechPath, pauseAfterSec: durationSec - speechSec } : { path: silence, pauseAfterSec: durationSec - 0.1 });
    cues.push({ startSec: t, endSec: t + durationSec, text: caption(shot.description, spoken) });
    shots.push({ shotId: shot.shotId, startSec: Math.round(t * 1000) / 1000, durationSec, image, spoken: spoken.length ? spoken.map((d) => `${d.character}: ${d.text}`).join('\n') : null });
    t += durationSec;
  }

  check();
  env.progress(0.65, 'Rendering the pictures');
  const video = await imagesToVideo(ff, { slides, out: join(env.workDir, 'pictures.mp4'), width, height, fps: 24, transitionSec: 0, signal: env.signal });
  check();
  env.progress(0.8, 'Burning in the captions');
  const captioned = await burnSubtitles(ff, { video: video.path, cues, out: join(env.workDir, 'captioned.mp4'), durationSec: video.durationSec, signal: env.signal });
  check();
  env.progress(0.9, 'Adding the dialogue');
  const track = await concatAudio(ff, { parts: audio, out: join(env.workDir, 'dialogue.wav'), signal: env.signal });
  const out = join(env.workDir, 'animatic.mp4');
  await muxAudioVideo(ff, { video: captioned.path, audio: track.path, out, durationSec: video.durationSec, loudness: tts ? 'loudnorm' : 'none', signal: env.signal });
  env.progress(1, `Animatic: ${input.shots.length} shots, ${video.durationSec.toFixed(1)} s`);
  return { sceneId: input.sceneId, mp4: fileRef(out, 'ffmpeg', `ffmpeg ${caps.version ?? 'unknown'}`), durationSec: video.durationSec, width, height, shots, tts };
}
