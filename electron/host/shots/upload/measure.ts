import sharp from 'sharp';
import { probeMedia } from '../../../../worker/media/ffmpeg/probe.js';
import { thumbnail } from '../../../../worker/media/ffmpeg/thumbnail.js';
import { AppError } from '../../errors.js';

export const THUMB_PX = 200;
/** Longest video reference we take: Veo clips are 4–8 s, a reference is a short look, not footage. */
export const MAX_VIDEO_SECONDS = 60;

export interface ImageFacts {
  width: number;
  height: number;
  palette: string[];
  thumbnail: Buffer;
}

const hex = (n: number) => Math.round(n).toString(16).padStart(2, '0');

/**
 * Dominant colours: a 48 px copy, pixels binned by 4 bits per channel, the biggest bins
 * (their mean colour) first. Bins under 3% are noise, not a palette colour.
 */
export async function dominantPalette(input: Buffer | string, count = 5): Promise<string[]> {
  const { data, info } = await sharp(input).flatten({ background: '#000000' }).resize(48, 48, { fit: 'inside' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const bins = new Map<number, { n: number; r: number; g: number; b: number }>();
  const px = info.width * info.height;
  for (let i = 0; i < data.length; i += info.channels) {
    const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!;
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    const bin = bins.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    bin.n++;
    bin.r += r;
    bin.g += g;
    bin.b += b;
    bins.set(key, bin);
  }
  return [...bins.values()]
    .filter((b) => b.n / px >= 0.03)
    .sort((a, b) => b.n - a.n)
    .slice(0, count)
    .map((b) => `#${hex(b.r / b.n)}${hex(b.g / b.n)}${hex(b.b / b.n)}`);
}

/** Decodes the whole image (a truncated or corrupt file fails here, not later in Veo). */
export async function measureImage(path: string): Promise<ImageFacts> {
  try {
    const meta = await sharp(path).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    const thumb = await sharp(path).rotate().resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true }).png().toBuffer();
    const palette = await dominantPalette(path);
    // EXIF orientation 5–8 swaps width and height as the image is shown.
    const swap = (meta.orientation ?? 1) >= 5;
    return { width: swap ? meta.height : meta.width, height: swap ? meta.width : meta.height, palette, thumbnail: thumb };
  } catch (err) {
    throw new AppError(422, 'unreadable_image', `The image could not be decoded (${(err as Error).message}); it may be truncated or corrupt. Nothing was stored.`);
  }
}

export interface VideoFacts extends ImageFacts {
  durationSeconds: number;
  poster: Buffer;
}

/** A video reference: its length (refused past MAX_VIDEO_SECONDS), a poster frame and its facts. */
export async function measureVideo(ffmpegPath: string, path: string, posterPath: string): Promise<VideoFacts> {
  let info;
  try {
    info = await probeMedia(ffmpegPath, path);
  } catch (err) {
    throw new AppError(422, 'unreadable_video', `The video could not be read: ${(err as Error).message}. Nothing was stored.`);
  }
  if (!info.video) throw new AppError(422, 'unreadable_video', 'The file has no video stream. Nothing was stored.');
  const duration = info.durationSec ?? 0;
  if (duration > MAX_VIDEO_SECONDS) {
    throw new AppError(422, 'video_too_long', `The video is ${duration.toFixed(1)} s long; video references are limited to ${MAX_VIDEO_SECONDS} s (trim it to the look you want). Nothing was stored.`);
  }
  try {
    await thumbnail(ffmpegPath, { video: path, out: posterPath, durationSec: duration, width: info.video.width || 1280 });
  } catch (err) {
    throw new AppError(422, 'unreadable_video', `No poster frame could be taken from the video: ${(err as Error).message}. Nothing was stored.`);
  }
  const facts = await measureImage(posterPath);
  const poster = await sharp(posterPath).png().toBuffer();
  return { ...facts, width: info.video.width || facts.width, height: info.video.height || facts.height, durationSeconds: duration, poster };
}
