import type { Redis } from 'ioredis';

/**
 * Fixed-window counters behind rate limits and login throttling. In memory for one process; on
 * Redis (REDIS_URL) so that several relay processes share the same counts.
 */
export interface CounterStore {
  readonly kind: 'memory' | 'redis';
  /** Adds one to `key` (a new window of `windowMs` starts when it is absent); returns the count and ms left. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  get(key: string): Promise<number>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryCounterStore implements CounterStore {
  readonly kind = 'memory' as const;
  private readonly counts = new Map<string, { count: number; until: number }>();
  private sweeps = 0;

  async hit(key: string, windowMs: number) {
    const now = Date.now();
    if (++this.sweeps % 1000 === 0) for (const [k, v] of this.counts) if (v.until <= now) this.counts.delete(k);
    let e = this.counts.get(key);
    if (!e || e.until <= now) this.counts.set(key, (e = { count: 0, until: now + windowMs }));
    e.count++;
    return { count: e.count, resetMs: e.until - now };
  }
  async get(key: string) {
    const e = this.counts.get(key);
    return e && e.until > Date.now() ? e.count : 0;
  }
  async reset(key: string) {
    this.counts.delete(key);
  }
  async close() {}
}

// INCR and set the window's expiry on the first hit, atomically, so racing processes agree.
const HIT = "local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return {c, redis.call('PTTL', KEYS[1])}";

export class RedisCounterStore implements CounterStore {
  readonly kind = 'redis' as const;
  constructor(private readonly redis: Redis) {}

  static async connect(url: string): Promise<RedisCounterStore> {
    const { Redis } = await import('ioredis');
    const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
    await redis.connect();
    return new RedisCounterStore(redis);
  }
  async hit(key: string, windowMs: number) {
    const [count, ttl] = (await this.redis.eval(HIT, 1, `relay:${key}`, String(windowMs))) as [number, number];
    return { count, resetMs: ttl > 0 ? ttl : windowMs };
  }
  async get(key: string) {
    return Number((await this.redis.get(`relay:${key}`)) ?? 0);
  }
  async reset(key: string) {
    await this.redis.del(`relay:${key}`);
  }
  async close() {
    await this.redis.quit();
  }
}
