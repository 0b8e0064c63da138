/**
 * RIFF/WAVE reading and writing for 16-bit PCM. Durations are measured from the data chunk's
 * real length (espeak-ng and streaming writers may leave 0xFFFFFFFF or stale sizes in headers).
 */

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Byte offset of the PCM samples in the buffer. */
  dataOffset: number;
  /** Bytes of PCM actually present in the buffer. */
  dataBytes: number;
  durationSec: number;
}

export function parseWav(buf: Buffer): WavInfo {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('Not a RIFF/WAVE file');
  }
  let pos = 12;
  let fmt: { channels: number; sampleRate: number; bitsPerSample: number } | null = null;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      fmt = { channels: buf.readUInt16LE(body + 2), sampleRate: buf.readUInt32LE(body + 4), bitsPerSample: buf.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAVE data chunk before its fmt chunk');
      const blockAlign = fmt.channels * (fmt.bitsPerSample / 8);
      const present = Math.min(size, buf.length - body);
      const dataBytes = present - (present % blockAlign);
      return { ...fmt, dataOffset: body, dataBytes, durationSec: dataBytes / blockAlign / fmt.sampleRate };
    }
    pos = body + size + (size % 2);
  }
  throw new Error('WAVE file has no data chunk');
}

/** A 44-byte canonical header in front of 16-bit little-endian PCM. */
export function buildWav(pcm: Buffer, sampleRate: number, channels = 1): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

export function pcmOf(buf: Buffer): { info: WavInfo; pcm: Buffer } {
  const info = parseWav(buf);
  return { info, pcm: buf.subarray(info.dataOffset, info.dataOffset + info.dataBytes) };
}

/** Root-mean-square and peak of 16-bit samples, 0..1 (a silent file reads 0). */
export function pcmLevels(buf: Buffer): { rms: number; peak: number } {
  const { info, pcm } = pcmOf(buf);
  if (info.bitsPerSample !== 16) throw new Error(`Only 16-bit PCM is measured, got ${info.bitsPerSample}-bit`);
  let sum = 0;
  let peak = 0;
  const n = pcm.length >> 1;
  for (let i = 0; i < n; i++) {
    const s = pcm.readInt16LE(i * 2) / 32768;
    sum += s * s;
    peak = Math.max(peak, Math.abs(s));
  }
  return { rms: n ? Math.sqrt(sum / n) : 0, peak };
}

/**
 * Joins WAVs of one format with silences between them. Offsets are exact sample counts, so
 * captions timed from them line up with the audio to the sample.
 */
export function concatWavs(wavs: Buffer[], pauseSec: number | number[]): { wav: Buffer; starts: number[]; durations: number[]; durationSec: number } {
  if (wavs.length === 0) throw new Error('Nothing to join');
  const parts: Buffer[] = [];
  const starts: number[] = [];
  const durations: number[] = [];
  let first: WavInfo | null = null;
  let frames = 0;
  for (const [i, w] of wavs.entries()) {
    const { info, pcm } = pcmOf(w);
    first ??= info;
    if (info.sampleRate !== first.sampleRate || info.channels !== first.channels || info.bitsPerSample !== 16) {
      throw new Error('WAVs differ in format; resample them first (worker/media/ffmpeg/audio.ts concatAudio)');
    }
    const blockAlign = info.channels * 2;
    starts.push(frames / info.sampleRate);
    durations.push(info.durationSec);
    parts.push(pcm);
    frames += pcm.length / blockAlign;
    const pause = Array.isArray(pauseSec) ? (pauseSec[i] ?? 0) : i < wavs.length - 1 ? pauseSec : 0;
    const silentFrames = Math.round(pause * info.sampleRate);
    if (silentFrames > 0) {
      parts.push(Buffer.alloc(silentFrames * blockAlign));
      frames += silentFrames;
    }
  }
  const info = first!;
  return { wav: buildWav(Buffer.concat(parts), info.sampleRate, info.channels), starts, durations, durationSec: frames / info.sampleRate };
}
