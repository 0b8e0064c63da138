/** How often streamed text leaves the worker: ~10 events a second is live to the eye and cheap on the bus. */
export const STREAM_FLUSH_MS = 100;
/** A batch is sent early past this size, so one event never carries a whole reply from a fast server. */
export const STREAM_MAX_CHUNK = 2048;

export type StreamSink = (channel: string, offset: number, text: string) => void;

/**
 * Batches LLM tokens of one channel (e.g. "attempt-1") into chunks sent at most every
 * STREAM_FLUSH_MS, each with the offset of its first character so a client can tell a gap.
 */
export class TokenStream {
  private pending = '';
  private sent = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sink: StreamSink,
    readonly channel: string,
    private readonly flushMs = STREAM_FLUSH_MS,
  ) {}

  /** Characters received so far (sent or pending). */
  get length(): number {
    return this.sent + this.pending.length;
  }

  push(token: string): void {
    if (!token) return;
    this.pending += token;
    if (this.pending.length >= STREAM_MAX_CHUNK) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.flushMs);
  }

  /** Sends what is pending now (call when the reply ends, or fails, so nothing is held back). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.sink(this.channel, this.sent, text);
    this.sent += text.length;
  }
}
