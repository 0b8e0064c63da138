import { open, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AppError, badRequest } from '../../errors.js';

export interface MultipartLimits {
  /** Most bytes the file part may have; past it the upload is aborted and its temp file removed. */
  maxFileBytes: number;
  /** Most bytes of all the text fields together. */
  maxFieldBytes: number;
}

export interface MultipartResult {
  fields: Record<string, string>;
  file: { path: string; bytes: number; filename: string; contentType: string | null; head: Buffer } | null;
}

/**
 * The first `head` bytes of the file part decide whether to keep reading (magic bytes), and
 * the limit may depend on what they say (images are smaller than videos).
 */
export type HeadCheck = (head: Buffer, filename: string, contentType: string | null) => { maxBytes: number };

const CRLF2 = Buffer.from('\r\n\r\n');
const HEAD_BYTES = 4096;

export function boundaryOf(contentType: string | undefined): string {
  const m = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const b = m?.[1] ?? m?.[2];
  if (!b) throw new AppError(415, 'unsupported_media_type', 'Send the upload as multipart/form-data (fields projectId and type, then the file part)');
  if (b.length > 70) throw badRequest('The multipart boundary is longer than 70 characters');
  return b;
}

function partHeaders(raw: string): { name: string | null; filename: string | null; contentType: string | null } {
  let name: string | null = null;
  let filename: string | null = null;
  let contentType: string | null = null;
  for (const line of raw.split('\r\n')) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const key = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    if (key === 'content-type') contentType = value.toLowerCase();
    if (key !== 'content-disposition') continue;
    name = /\bname="([^"]*)"/i.exec(value)?.[1] ?? null;
    const star = /\bfilename\*=(?:UTF-8'')?([^;]+)/i.exec(value)?.[1];
    filename = star ? safeDecode(star.trim()) : (/\bfilename="([^"]*)"/i.exec(value)?.[1] ?? null);
  }
  return { name, filename, contentType };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A streaming multipart/form-data reader: text fields are kept in memory (bounded), the one file
 * part goes straight to `tempPath` while its bytes are counted, so an oversized upload is
 * refused as soon as it passes the limit and nothing of it stays on disk.
 */
export async function readMultipart(stream: Readable, contentType: string | undefined, tempPath: string, limits: MultipartLimits, checkHead: HeadCheck): Promise<MultipartResult> {
  const boundary = boundaryOf(contentType);
  const delim = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  let fieldBytes = 0;
  let file: MultipartResult['file'] = null;
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  let maxFile = limits.maxFileBytes;

  type State = 'preamble' | 'after' | 'headers' | 'body' | 'done';
  let state: State = 'preamble';
  // A leading CRLF lets the first boundary match the same delimiter as the others.
  let buf: Buffer = Buffer.from('\r\n');
  let current: { name: string | null; filename: string | null; contentType: string | null } | null = null;
  let fieldChunks: Buffer[] = [];
  let head: Buffer[] = [];
  let headLen = 0;
  let headChecked = false;

  const fail = async (err: unknown) => {
    await handle?.close().catch(() => undefined);
    handle = null;
    await rm(tempPath, { force: true });
    throw err;
  };

  const writeFile = async (data: Buffer) => {
    if (!file || data.length === 0) return;
    if (!headChecked) {
      head.push(data);
      headLen += data.length;
      if (headLen < HEAD_BYTES) return;
      await flushHead();
      return;
    }
    file.bytes += data.length;
    if (file.bytes > maxFile) throw tooLarge(maxFile);
    await handle!.write(data);
  };
  const flushHead = async () => {
    if (!file || headChecked) return;
    headChecked = true;
    const all = Buffer.concat(head);
    file.head = all.subarray(0, HEAD_BYTES);
    head = [];
    if (all.length > 0) maxFile = checkHead(file.head, file.filename, file.contentType).maxBytes;
    file.bytes += all.length;
    if (file.bytes > maxFile) throw tooLarge(maxFile);
    await handle!.write(all);
  };
  const endPart = async () => {
    if (!current) return;
    if (current.filename !== null) {
      await flushHead();
      await handle?.close();
      handle = null;
    } else if (current.name) {
      fields[current.name] = Buffer.concat(fieldChunks).toString('utf8');
    }
    current = null;
    fieldChunks = [];
  };
  const addField = (data: Buffer) => {
    fieldBytes += data.length;
    if (fieldBytes > limits.maxFieldBytes) throw badRequest(`The form fields are larger than ${limits.maxFieldBytes} bytes`);
    fieldChunks.push(data);
  };

  try {
    const step = async (): Promise<void> => {
      for (;;) {
        if (state === 'preamble') {
          const i = buf.indexOf(delim);
          if (i < 0) {
            buf = buf.subarray(Math.max(0, buf.length - delim.length));
            return;
          }
          buf = buf.subarray(i + delim.length);
          state = 'after';
        } else if (state === 'after') {
          if (buf.length < 2) return;
          if (buf[0] === 0x2d && buf[1] === 0x2d) {
            state = 'done';
            return;
          }
          const nl = buf.indexOf('\r\n');
          if (nl < 0) return; // transport padding before the CRLF
          buf = buf.subarray(nl + 2);
          state = 'headers';
        } else if (state === 'headers') {
          const i = buf.indexOf(CRLF2);
          if (i < 0) {
            if (buf.length > 16 * 1024) throw badRequest('A multipart part has more than 16 KB of headers');
            return;
          }
          current = partHeaders(buf.subarray(0, i).toString('utf8'));
          buf = buf.subarray(i + 4);
          if (current.filename !== null) {
            if (file) throw badRequest('Send one file per upload');
            file = { path: tempPath, bytes: 0, filename: current.filename, contentType: current.contentType, head: Buffer.alloc(0) };
            handle = await open(tempPath, 'wx', 0o600);
          }
          state = 'body';
        } else if (state === 'body') {
          const i = buf.indexOf(delim);
          const upto = i < 0 ? Math.max(0, buf.length - delim.length + 1) : i;
          const data = buf.subarray(0, upto);
          if (current?.filename !== null && current) await writeFile(data);
          else addField(data);
          buf = buf.subarray(upto);
          if (i < 0) return;
          buf = buf.subarray(delim.length);
          await endPart();
          state = 'after';
        } else return;
      }
    };
    await new Promise<void>((resolve, reject) => {
      let ended = false;
      let failed = false;
      // 'end' may come while the last chunk is still being handled: it waits for that.
      let pending: Promise<void> = Promise.resolve();
      const stop = () => {
        stream.off('data', onData);
        stream.off('end', onEnd);
        stream.off('error', onError);
        stream.off('close', onClose);
      };
      // Chunks are handled one at a time (paused meanwhile). On a refusal the stream is left paused,
      // not destroyed, so the 4xx answer still reaches the client before the socket closes.
      const onData = (chunk: Buffer) => {
        if (state === 'done') return; // epilogue
        stream.pause();
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        pending = step().then(
          () => {
            if (state === 'done') buf = Buffer.alloc(0);
            if (!ended) stream.resume();
          },
          (err: unknown) => {
            failed = true;
            stop();
            reject(err);
          },
        );
      };
      const onEnd = () => {
        ended = true;
        stop();
        void pending.then(() => {
          if (failed) return;
          if (state !== 'done') reject(badRequest('The multipart body ended before its closing boundary (upload interrupted?)'));
          else resolve();
        });
      };
      const onError = (err: Error) => {
        ended = true;
        stop();
        reject(badRequest(`The upload was interrupted: ${err.message}`));
      };
      const onClose = () => {
        if (ended) return;
        stop();
        reject(badRequest('The upload was interrupted before it finished'));
      };
      stream.on('data', onData);
      stream.on('end', onEnd);
      stream.on('error', onError);
      stream.on('close', onClose);
    });
  } catch (err) {
    return fail(err);
  }
  return { fields, file };
}

function tooLarge(max: number): AppError {
  return new AppError(413, 'payload_too_large', `The file is larger than ${Math.round(max / (1024 * 1024))} MB, the limit for this kind of reference; nothing was stored`);
}
