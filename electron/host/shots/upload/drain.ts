import type { Readable } from 'node:stream';

/**
 * After a refusal mid-upload, reads and discards what the client is still sending, up to a
 * bound, before the answer goes out. Closing a socket with unread data makes TCP reset it, and
 * most clients then report "connection reset" instead of the 413 that explains why.
 */
export function drain(stream: Readable, opts: { maxBytes: number; maxMs: number }): Promise<void> {
  if ((stream as Readable & { complete?: boolean }).complete || stream.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    let bytes = 0;
    const done = () => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', done);
      stream.off('close', done);
      stream.off('error', done);
      stream.pause();
      resolve();
    };
    const onData = (c: Buffer) => {
      bytes += c.length;
      if (bytes > opts.maxBytes) done();
    };
    const timer = setTimeout(done, opts.maxMs);
    stream.on('data', onData);
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
    stream.resume();
  });
}
