import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readMultipart } from '../../electron/host/shots/upload/multipart.js';
import { claimedMime, neutraliseName, sniffReference } from '../../electron/host/shots/upload/sniff.js';
import { continuityWarnings } from '../../shared/shots/continuity.js';

const dir = mkdtempSync(join(tmpdir(), 'shots-upload-'));
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 7)]);

function body(boundary: string, file: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`preamble\r\n--${boundary}\r\nContent-Disposition: form-data; name="projectId"\r\n\r\np1\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nCharacter\r\n--${boundary}--\r\n`),
  ]);
}
const chunked = (buf: Buffer, size: number) => Readable.from(Array.from({ length: Math.ceil(buf.length / size) }, (_, i) => buf.subarray(i * size, (i + 1) * size)));
const limits = { maxFileBytes: 10_000, maxFieldBytes: 1000 };

describe('multipart reader', () => {
  it.each([1, 3, 7, 4096, 1 << 20])('reads fields and the file byte-exact in %i-byte chunks', async (size) => {
    // The file itself contains a near-delimiter ("\r\n--bound") that must not end it.
    const file = Buffer.concat([PNG, Buffer.from('\r\n--bound'), Buffer.alloc(10, 1)]);
    const path = join(dir, `f-${size}`);
    const r = await readMultipart(chunked(body('boundary1', file), size), 'multipart/form-data; boundary=boundary1', path, limits, () => ({ maxBytes: 10_000 }));
    expect(r.fields).toEqual({ projectId: 'p1', type: 'Character' });
    expect(r.file?.bytes).toBe(file.length);
    expect(readFileSync(path).equals(file)).toBe(true);
  });

  it('stops at the limit its head check sets and leaves no file', async () => {
    const path = join(dir, 'big');
    await expect(readMultipart(chunked(body('b', PNG), 512), 'multipart/form-data; boundary=b', path, limits, () => ({ maxBytes: 4500 }))).rejects.toMatchObject({ status: 413 });
    expect(readdirSync(dir)).not.toContain('big');
  });

  it('refuses a body cut before its closing boundary', async () => {
    const cut = body('b', PNG).subarray(0, 300);
    await expect(readMultipart(chunked(cut, 64), 'multipart/form-data; boundary=b', join(dir, 'cut'), limits, () => ({ maxBytes: 10_000 }))).rejects.toMatchObject({ status: 400 });
    expect(readdirSync(dir)).not.toContain('cut');
  });

  it('wants multipart', async () => {
    await expect(readMultipart(Readable.from([]), 'application/json', join(dir, 'x'), limits, () => ({ maxBytes: 1 }))).rejects.toMatchObject({ status: 415 });
  });
});

describe('upload names and bytes', () => {
  it('neutralises path characters', () => {
    expect(neutraliseName('../../etc/passwd')).toBe('passwd');
    expect(neutraliseName('C:\\Users\\me\\face.png')).toBe('face.png');
    expect(neutraliseName('..')).toBe('upload');
    expect(neutraliseName('a\u0000b<c>.png')).toBe('a_b_c_.png');
  });
  it('knows references by their magic bytes', () => {
    expect(sniffReference(PNG)).toBe('image/png');
    expect(sniffReference(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffReference(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffReference(Buffer.from('\u0000\u0000\u0000\u0018ftypisom', 'latin1'))).toBe('video/mp4');
    expect(sniffReference(Buffer.from('\u0000\u0000\u0000\u0014ftypqt  ', 'latin1'))).toBeNull();
    expect(sniffReference(Buffer.from('GIF89a'))).toBeNull();
    expect(claimedMime('x.JPEG')).toBe('image/jpeg');
  });
});

describe('continuity warnings', () => {
  const shot = (id: string, order: number, description: string, characters: string[], slots: (string | null)[]) => ({ id, sceneId: 's', order, description, characters, slots });
  const mara = { id: 'm', type: 'Character', name: 'Mara' };
  it('flags the next shot naming a character whose reference it lacks, by list or by name in the text', () => {
    const w = continuityWarnings([shot('a', 0, 'Mara enters', ['MARA'], ['m', null, null]), shot('b', 1, 'A door', [], [null, null, null]), shot('c', 2, 'mara (V.O.) sits', [], [null, null, null])], [mara]);
    expect(w.map((x) => [x.previousShotId, x.shotId])).toEqual([['a', 'c']]);
  });
  it('is quiet when the reference follows, for other scenes and for non-character ingredients', () => {
    expect(continuityWarnings([shot('a', 0, 'Mara', ['MARA'], ['m', null, null]), shot('b', 1, 'Mara again', ['MARA'], [null, 'm', null])], [mara])).toEqual([]);
    expect(continuityWarnings([shot('a', 0, 'Mara', [], ['m', null, null]), { ...shot('b', 1, 'Mara', [], [null, null, null]), sceneId: 'other' }], [mara])).toEqual([]);
    expect(continuityWarnings([shot('a', 0, 'Cafe', [], ['c', null, null]), shot('b', 1, 'The Cafe', [], [null, null, null])], [{ id: 'c', type: 'Location', name: 'Cafe' }])).toEqual([]);
    // "Marathon" does not name Mara.
    expect(continuityWarnings([shot('a', 0, 'Mara', [], ['m', null, null]), shot('b', 1, 'A marathon', [], [null, null, null])], [mara])).toEqual([]);
  });
});
