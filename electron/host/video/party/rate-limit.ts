/**
 * Token bucket per socket: `burst` messages at once, refilled at `ratePerSec`. A guest client
 * sends a few messages a second (ping, chat); a flood drains the bucket and is refused.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSec);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Counts a socket's misbehaviour; `drop` turns true once either limit is passed. */
export class Misbehaviour {
  malformed = 0;
  overLimit = 0;

  constructor(private readonly limits: { malformedBeforeDrop: number; overLimitBeforeDrop: number }) {}

  get drop(): boolean {
    return this.malformed > this.limits.malformedBeforeDrop || this.overLimit > this.limits.overLimitBeforeDrop;
  }
}
