import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Request, Response } from 'express';
import { HttpError } from '../http/errors.js';
import { sniff, type Sniffed } from './sniff.js';

/**
 * Streams a raw request body to `dest` (via a temp file) without buffering it, refusing it as
 * soon as it passes `maxBytes` (by Content-Length up front, or while streaming) or when its
 * first bytes are not an accepted type. Returns the sniffed type.
 */
export async function receiveUpload(req: Request, res: Response, dest: string, maxBytes: number, accept: (t: Sniffed | null) => boolean): Promise<Sniffed> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    refuseRest(req, res);
    throw new HttpError(413, 'too_large', `This upload is ${declared} bytes; the limit is ${maxBytes}`);
  }
  const tmp = `${dest}.part-${process.pid}-${Date.now()}`;
  const out = createWriteStream(tmp);
  try {
    const type = await new Promise<Sniffed>((resolve, reject) => {
      let size = 0;
      let head = Buffer.alloc(0);
      let done = false;
      // Refusing mid-stream must not destroy the request (that would cut the answer off too).
      const refuse = (err: HttpError) => {
        if (done) return;
        done = true;
        req.removeListener('data', onData);
        req.removeListener('end', onEnd);
        refuseRest(req, res);
        reject(err);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return refuse(new HttpError(413, 'too_large', `This upload passed the ${maxBytes}-byte limit and was refused`));
        if (head.length < 16) {
          head = Buffer.concat([head, chunk]).subarray(0, 16);
          if (head.length >= 12 && !accept(sniff(head))) return refuse(new HttpError(415, 'unsupported_type', `This file is not an accepted type (${sniff(head) ?? 'unrecognised bytes'})`));
        }
        if (!out.write(chunk)) {
          req.pause();
          out.once('drain', () => req.resume());
        }
      };
      const onEnd = () => {
        if (done) return;
        done = true;
        const t = sniff(head);
        if (size === 0) return reject(new HttpError(400, 'empty_upload', 'The upload is empty'));
        if (!accept(t)) return reject(new HttpError(415, 'unsupported_type', `This file is not an accepted type (${t ?? 'unrecognised bytes'})`));
        out.end((err?: Error | null) => (err ? reject(err) : resolve(t!)));
      };
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', (err) => !done && ((done = true), reject(err)));
      // A disk error fails the upload; after a refusal the file stream is destroyed with writes
      // still queued, whose errors must not become uncaught exceptions (they would stop the relay).
      out.on('error', (err) => !done && ((done = true), reject(err)));
    });
    await rename(tmp, dest);
    return type;
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * After a refusal the client may still be sending: the answer goes out with Connection: close,
 * the rest is read and dropped so the client sees the answer, and the socket is cut if the
 * client keeps sending for long (at most 5 s or 64 MB more).
 */
function refuseRest(req: Request, res: Response): void {
  res.setHeader('Connection', 'close');
  let extra = 0;
  const cut = setTimeout(() => req.socket.destroy(), 5000);
  cut.unref();
  req.on('data', (c: Buffer) => {
    extra += c.length;
    if (extra > 64 * 1024 * 1024) req.socket.destroy();
  });
  req.on('end', () => clearTimeout(cut));
  req.resume();
}
