/** Encoder settings shared by every step that writes video, so all outputs play everywhere. */

export type VideoContainer = 'mp4' | 'webm';

export interface VideoEncodeOptions {
  container: VideoContainer;
  /** WebM only: VP9 (smaller, slower) or VP8 (faster, wider support). */
  webmCodec?: 'vp9' | 'vp8';
  /** x264 preset; veryfast keeps a 2-core machine responsive. */
  preset?: string;
  /** Quality: x264 CRF (default 20) or VP9 CRF (default 33). */
  crf?: number;
}

export function containerOf(path: string): VideoContainer {
  return path.toLowerCase().endsWith('.webm') ? 'webm' : 'mp4';
}

export function videoCodecArgs(o: VideoEncodeOptions): string[] {
  if (o.container === 'mp4') {
    // yuv420p + faststart: plays in browsers and QuickTime, starts before the file is fully loaded.
    return ['-c:v', 'libx264', '-preset', o.preset ?? 'veryfast', '-crf', String(o.crf ?? 20), '-pix_fmt', 'yuv420p', '-movflags', '+faststart'];
  }
  if ((o.webmCodec ?? 'vp9') === 'vp9') {
    return ['-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', String(o.crf ?? 33), '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-pix_fmt', 'yuv420p'];
  }
  return ['-c:v', 'libvpx', '-b:v', '1M', '-crf', String(o.crf ?? 10), '-deadline', 'realtime', '-cpu-used', '8', '-pix_fmt', 'yuv420p'];
}

export function audioCodecArgs(container: VideoContainer): string[] {
  // Opus only runs at 48 kHz; AAC at 44.1 kHz matches the narration.
  return container === 'mp4' ? ['-c:a', 'aac', '-b:a', '160k', '-ar', '44100'] : ['-c:a', 'libopus', '-b:a', '96k', '-ar', '48000'];
}

/** Fit into WxH keeping aspect (letterbox), square pixels, even sizes for 4:2:0. */
export function fitFilter(width?: number, height?: number): string {
  if (!width || !height) return 'scale=trunc(iw/2)*2:trunc(ih/2)*2,setsar=1';
  const w = width - (width % 2);
  const h = height - (height % 2);
  return `scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1`;
}
