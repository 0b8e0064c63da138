import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Request } from 'express';
import { AppError, badRequest } from '../../errors.js';

const ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/x-zip', 'application/octet-stream']);

const tooLarge = (bytes: number | null, max: number): AppError =>
  new AppError(
    413,
    'payload_too_large',
    `${bytes !== null ? `The zip is ${(bytes / 1024 ** 2).toFixed(bytes > 1024 ** 3 ? 0 : 1)} MB; ` : 'The zip passed the limit while uploading; '}game bundles are limited to ${max / 1024 ** 2} MB. Nothing was installed.`,
  );

/**
 * After a refusal mid-upload, reads and discards a bounded amount of what the client still sends
 * before answering: closing a socket with unread data makes TCP reset it, and the client would
 * report "connection reset" instead of the 413 that says why.
 */
function discardRest(req: Request, maxBytes: number, maxMs: number): Promise<void> {
  if (req.complete || req.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = (): void => {
      clearTimeout(timer);
      req.off('data', onData).off('end', done).off('close', done).off('error', done);
      req.pause();
      resolve();
    };
    const onData = (c: Buffer): void => {
      seen += c.length;
      if (seen > maxBytes) done();
    };
    const timer = setTimeout(done, maxMs);
    req.on('data', onData).once('end', done).once('close', done).once('error', done);
    req.resume();
  });
}

/**
 * Streams the raw zip body to `dest`, counting bytes: refused by Content-Length before a byte is
 * read, and cut as soon as the count passes `maxBytes` (chunked bodies have no length). The first
 * bytes must be a zip's local file header. On any refusal `dest` is removed.
 */
export async function receiveZip(req: Request, dest: string, maxBytes: number): Promise<number> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && !ZIP_TYPES.has(type)) {
    throw new AppError(415, 'unsupported_media_type', `Send the zip itself as the body with Content-Type application/zip (got ${type}). Nothing was installed.`);
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.res?.setHeader('Connection', 'close');
    throw tooLarge(declared, maxBytes);
  }
  const out = createWriteStream(dest, { flags: 'wx', mode: 0o600 });
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown): void => {
        req.off('data', onData);
        req.pause();
        reject(err);
      };
      const onData = (chunk: Buffer): void => {
        if (bytes === 0 && chunk.length >= 2 && (chunk[0] !== 0x50 || chunk[1] !== 0x4b)) {
          return fail(new AppError(415, 'not_a_zip', 'The body is not a zip archive (it does not start with "PK"). Nothing was installed.'));
        }
        bytes += chunk.length;
        if (bytes > maxBytes) return fail(tooLarge(null, maxBytes));
        if (!out.write(chunk)) {
          req.pause();
          out.once('drain', () => req.resume());
        }
      };
      req.on('data', onData);
      req.once('end', () => resolve());
      req.once('error', (e) => fail(badRequest(`The upload was interrupted: ${e.message}`)));
      req.once('aborted', () => fail(badRequest('The upload was aborted by the client')));
      out.once('error', fail);
    });
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (bytes === 0) throw badRequest('The upload is empty (0 bytes). Nothing was installed.');
    return bytes;
  } catch (err) {
    out.destroy();
    await rm(dest, { force: true });
    if (!req.complete) {
      req.res?.setHeader('Connection', 'close');
      await discardRest(req, 16 * 1024 * 1024, 3000);
    }
    throw err;
  }
}
