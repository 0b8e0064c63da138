import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { buildWav } from '../../media/wav.js';

/**
 * An honest offline music bed: sustained chord pads synthesized here (detuned sines with a few
 * harmonics, slow attack and release, a gentle swell), no samples, no model. The progression's
 * mood follows the style and scene words; the key and voicing follow a seed (the video id), so
 * the original track and every dub get the same bed.
 */

export const MUSIC_MODEL = 'pads 1';
const RATE = 22050; // pads carry nothing above ~2 kHz; the mix resamples
const DARK = /\b(noir|storm|dark|night|horror|myster|sad|rain|grim|war|tense|thriller|gloom|cold|shadow|lonely)/i;

/** Semitones from the key root: minor i–VI–III–VII or major I–V–vi–IV, as triads. */
const PROGRESSIONS = {
  minor: [[0, 3, 7], [-4, 0, 3], [3, 7, 10], [-2, 2, 5]],
  major: [[0, 4, 7], [7, 11, 14], [9, 12, 16], [5, 9, 12]],
} as const;
const NOTE = ['A', 'A#', 'B', 'C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#'];

export interface MusicBedPlan {
  mood: 'minor' | 'major';
  /** Semitones above A2 (110 Hz). */
  root: number;
  chordSec: number;
  note: string;
}

export function planMusicBed(seed: string, words: string, durationSec: number): MusicBedPlan {
  const h = createHash('sha256').update(seed).digest();
  const mood = DARK.test(words) ? 'minor' : 'major';
  const root = h[0]! % 7; // A2..D#3: low enough to sit under a voice
  const chords = Math.max(1, Math.round(durationSec / 4));
  return withNote(mood, root, durationSec / chords);
}

function withNote(mood: 'minor' | 'major', root: number, chordSec: number): MusicBedPlan {
  const name = `${NOTE[root % 12]} ${mood}`;
  const note = `Synthesized offline: sustained pads in ${name} (${mood === 'minor' ? 'i–VI–III–VII' : 'I–V–vi–IV'}), ${chordSec.toFixed(1)} s a chord, ducked under the voice`;
  return { mood, root, chordSec, note };
}

/** The plan as a short tag ("minor 3 3.5000") for the HLS master, and back. */
export function bedPlanTag(p: MusicBedPlan): string {
  return `${p.mood} ${p.root} ${p.chordSec.toFixed(4)}`;
}
export function bedPlanFromTag(tag: string | null): MusicBedPlan | null {
  const m = /^(minor|major) (\d+) ([\d.]+)$/.exec(tag ?? '');
  if (!m || !(Number(m[3]) > 0)) return null;
  return withNote(m[1] as 'minor' | 'major', Number(m[2]) % 12, Number(m[3]));
}

/** The bed as a 16-bit mono WAV of exactly `durationSec`, peaking near -12 dBFS. */
export function synthesizeMusicBed(plan: MusicBedPlan, durationSec: number, out: string): { path: string; durationSec: number } {
  const n = Math.max(1, Math.round(durationSec * RATE));
  const buf = new Float32Array(n);
  const prog = PROGRESSIONS[plan.mood];
  const chordSamples = plan.chordSec * RATE;
  const attack = Math.min(1.2, plan.chordSec / 3) * RATE;
  const release = Math.min(1.5, plan.chordSec / 2) * RATE;
  const base = 110 * 2 ** (plan.root / 12);
  const chords = Math.max(1, Math.round(n / chordSamples));
  for (let c = 0; c < chords; c++) {
    const start = Math.round(c * chordSamples);
    const end = Math.min(n, Math.round((c + 1) * chordSamples + release));
    const triad = prog[c % prog.length]!;
    // Bass an octave under the root, the triad above it.
    const voices = [{ f: base * 2 ** ((triad[0]! - 12) / 12), a: 0.5 }, ...triad.map((s) => ({ f: base * 2 ** (s / 12), a: 0.33 }))];
    const held = Math.round(chordSamples);
    for (const v of voices) {
      for (const detune of [-0.0025, 0.0025]) {
        const w = (2 * Math.PI * v.f * (1 + detune)) / RATE;
        // Three harmonics by the sine recurrence s[n] = 2cos(hw)s[n-1] - s[n-2]: no sin() per sample.
        const k1 = 2 * Math.cos(w);
        const k2 = 2 * Math.cos(2 * w);
        const k3 = 2 * Math.cos(3 * w);
        let p1 = Math.sin(-w);
        let p2 = Math.sin(-2 * w);
        let p3 = Math.sin(-3 * w);
        let c1 = 0;
        let c2 = 0;
        let c3 = 0;
        for (let i = start; i < end; i++) {
          const t = i - start;
          const env = t < attack ? t / attack : t < held ? 1 : Math.max(0, 1 - (t - held) / release);
          buf[i]! += v.a * env * (c1 + 0.3 * c2 + 0.12 * c3);
          const n1 = k1 * c1 - p1;
          const n2 = k2 * c2 - p2;
          const n3 = k3 * c3 - p3;
          p1 = c1;
          p2 = c2;
          p3 = c3;
          c1 = n1;
          c2 = n2;
          c3 = n3;
        }
      }
    }
  }
  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(buf[i]!));
  const fadeIn = RATE;
  const fadeOut = Math.min(2 * RATE, n / 2);
  const gain = peak > 0 ? 0.25 / peak : 0;
  const pcm = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) {
    const swell = 0.85 + 0.15 * Math.sin((2 * Math.PI * 0.1 * i) / RATE);
    const fade = Math.min(1, i / fadeIn, (n - i) / fadeOut);
    pcm.writeInt16LE(Math.round(Math.max(-1, Math.min(1, buf[i]! * gain * swell * fade)) * 32767), i * 2);
  }
  writeFileSync(out, buildWav(pcm, RATE, 1));
  return { path: out, durationSec: n / RATE };
}
