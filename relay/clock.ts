/** Time source for everything with a deadline (48 h dispute window, expiries), injectable in tests. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand; each reading also moves it 1 ms so successive events stay ordered. */
export class ManualClock implements Clock {
  constructor(private t: number = Date.now()) {}
  now(): Date {
    return new Date(this.t++);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
