/**
 * MPEG audio (MP3) duration measured by walking the frames, so an ElevenLabs clip's length is
 * known without decoding it. The Xing/Info frame carries no audio and is skipped; when it has a
 * LAME tag, the encoder delay and padding are subtracted as decoders do.
 */

const BITRATES: Record<string, number[]> = {
  // kbit/s by bitrate index, for MPEG-1 layer III and MPEG-2/2.5 layer III.
  '1': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
};

interface FrameHeader {
  length: number;
  samples: number;
  sampleRate: number;
  channels: number;
  mpeg1: boolean;
}

function readHeader(buf: Buffer, pos: number): FrameHeader | null {
  if (pos + 4 > buf.length) return null;
  const b1 = buf[pos]!;
  const b2 = buf[pos + 1]!;
  const b3 = buf[pos + 2]!;
  const b4 = buf[pos + 3]!;
  if (b1 !== 0xff || (b2 & 0xe0) !== 0xe0) return null;
  const version = (b2 >> 3) & 3;
  const layer = (b2 >> 1) & 3;
  if (version === 1 || layer !== 1) return null; // reserved version, or not layer III
  const bitrateIndex = b3 >> 4;
  const rateIndex = (b3 >> 2) & 3;
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const mpeg1 = version === 3;
  const bitrate = BITRATES[mpeg1 ? '1' : '2']![bitrateIndex]! * 1000;
  const sampleRate = SAMPLE_RATES[version]![rateIndex]!;
  const padding = (b3 >> 1) & 1;
  const samples = mpeg1 ? 1152 : 576;
  const length = Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
  return { length, samples, sampleRate, channels: (b4 >> 6) === 3 ? 1 : 2, mpeg1 };
}

function id3v2Size(buf: Buffer): number {
  if (buf.length < 10 || buf.toString('latin1', 0, 3) !== 'ID3') return 0;
  const size = ((buf[6]! & 0x7f) << 21) | ((buf[7]! & 0x7f) << 14) | ((buf[8]! & 0x7f) << 7) | (buf[9]! & 0x7f);
  const footer = buf[5]! & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/** Encoder delay + padding from a Xing/Info frame's LAME tag, or null when it is not one. */
function xingInfo(buf: Buffer, pos: number, h: FrameHeader): { trim: number } | null {
  const sideInfo = h.mpeg1 ? (h.channels === 1 ? 17 : 32) : h.channels === 1 ? 9 : 17;
  const x = pos + 4 + sideInfo;
  const tag = buf.toString('latin1', x, x + 4);
  if (tag !== 'Xing' && tag !== 'Info') return null;
  const flags = buf.readUInt32BE(x + 4);
  let lame = x + 8;
  if (flags & 1) lame += 4;
  if (flags & 2) lame += 4;
  if (flags & 4) lame += 100;
  if (flags & 8) lame += 4;
  // LAME extension: 9-byte encoder string, then 12 bytes of fields, then delay/padding (12 bits each).
  const d = lame + 21;
  if (d + 3 > pos + h.length) return { trim: 0 };
  const delay = (buf[d]! << 4) | (buf[d + 1]! >> 4);
  const padding = ((buf[d + 1]! & 0x0f) << 8) | buf[d + 2]!;
  return { trim: delay + padding };
}

export interface Mp3Info {
  durationSec: number;
  sampleRate: number;
  channels: number;
  frames: number;
}

export function mp3Info(buf: Buffer): Mp3Info {
  let pos = id3v2Size(buf);
  let frames = 0;
  let samples = 0;
  let trim = 0;
  let first: FrameHeader | null = null;
  while (pos + 4 <= buf.length) {
    const h = readHeader(buf, pos);
    if (!h || (first && h.sampleRate !== first.sampleRate)) {
      pos++; // resync past junk
      continue;
    }
    if (!first) {
      first = h;
      const xing = xingInfo(buf, pos, h);
      if (xing) {
        trim = xing.trim;
        pos += h.length;
        continue;
      }
    }
    if (pos + h.length > buf.length) break; // truncated last frame
    frames++;
    samples += h.samples;
    pos += h.length;
  }
  if (!first || frames === 0) throw new Error('No MPEG audio frames found');
  return { durationSec: Math.max(0, samples - trim) / first.sampleRate, sampleRate: first.sampleRate, channels: first.channels, frames };
}
