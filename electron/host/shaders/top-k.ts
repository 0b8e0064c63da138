/** The k best (slot, score) pairs seen, as a min-heap on score. */
export class TopK {
  private readonly score: Float64Array;
  private readonly slot: Int32Array;
  private size = 0;
  constructor(readonly k: number) {
    this.score = new Float64Array(k);
    this.slot = new Int32Array(k);
  }

  push(slot: number, score: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((this.score[p] as number) <= score) break;
        this.score[i] = this.score[p] as number;
        this.slot[i] = this.slot[p] as number;
        i = p;
      }
      this.score[i] = score;
      this.slot[i] = slot;
      return;
    }
    if (score <= (this.score[0] as number)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && (this.score[r] as number) < (this.score[l] as number) ? r : l;
      if ((this.score[c] as number) >= score) break;
      this.score[i] = this.score[c] as number;
      this.slot[i] = this.slot[c] as number;
      i = c;
    }
    this.score[i] = score;
    this.slot[i] = slot;
  }

  /** The score to beat once full (−∞ before). */
  floor(): number {
    return this.size < this.k ? -Infinity : (this.score[0] as number);
  }

  slots(): number[] {
    return Array.from(this.slot.subarray(0, this.size));
  }

  /** How many are held (≤ k). */
  get count(): number {
    return this.size;
  }

  /** The held slots in heap order, valid in [0, count) until the next push or reset (no copy). */
  slotArray(): Int32Array {
    return this.slot;
  }

  /** Empties it for reuse (the feed index keeps one per stage rather than allocating per page). */
  reset(): void {
    this.size = 0;
  }
}
