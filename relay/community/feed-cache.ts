/**
 * Anonymous feed pages are the same for everyone (seed §8 serves them from a cache), so each
 * distinct page is computed once and shared for a few seconds: concurrent misses wait on one
 * query instead of each running it. Writes in this process (publish, vote, delete) clear it;
 * other processes' writes show within the TTL.
 */
export class FeedCache<T> {
  private readonly pages = new Map<string, { at: number; value: Promise<T> }>();

  constructor(private readonly ttlMs = 5_000) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.pages.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.pages.size > 500) this.pages.clear();
    const value = compute();
    this.pages.set(key, { at: now, value });
    // A failed query is not cached.
    value.catch(() => this.pages.get(key)?.value === value && this.pages.delete(key));
    return value;
  }

  clear(): void {
    this.pages.clear();
  }
}
