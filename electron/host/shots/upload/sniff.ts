import { extname } from 'node:path';

export type ReferenceMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'video/mp4' | 'video/webm';

const EXT_MIME: Record<string, ReferenceMime> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
};

const eq = (b: Buffer, at: number, bytes: number[]) => bytes.every((v, i) => b[at + i] === v);

/** What the bytes are, by their magic numbers; null for anything we do not take as a reference. */
export function sniffReference(head: Buffer): ReferenceMime | null {
  if (eq(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (eq(head, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (head.toString('latin1', 4, 8) === 'ftyp') {
    // QuickTime (brand "qt  ") is not MP4; the ISO brands are.
    const brand = head.toString('latin1', 8, 12);
    return brand === 'qt  ' ? null : 'video/mp4';
  }
  // EBML header; Matroska and WebM share it, the DocType says which.
  if (eq(head, 0, [0x1a, 0x45, 0xdf, 0xa3]) && head.subarray(0, 64).includes('webm')) return 'video/webm';
  return null;
}

export function describeBytes(head: Buffer): string {
  if (head.length === 0) return 'no bytes';
  if (eq(head, 0, [0x25, 0x50, 0x44, 0x46])) return 'a PDF';
  if (eq(head, 0, [0x47, 0x49, 0x46, 0x38])) return 'a GIF';
  if (eq(head, 0, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive';
  if (head.toString('latin1', 4, 8) === 'ftyp') return 'a QuickTime movie';
  if (eq(head, 0, [0x1a, 0x45, 0xdf, 0xa3])) return 'a Matroska (not WebM) video';
  const text = head.subarray(0, 512).every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 128);
  return text ? 'text' : 'an unknown binary format';
}

/** The MIME type the file name claims, when its extension is one we know. */
export function claimedMime(filename: string): ReferenceMime | null {
  return EXT_MIME[extname(filename).toLowerCase()] ?? null;
}

/**
 * A name safe to show and store: no directories, no path traversal, no control characters,
 * at most 200 characters. "../../etc/passwd" becomes "passwd"; an empty result "upload".
 */
export function neutraliseName(raw: string): string {
  const base = raw.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return clean || 'upload';
}
