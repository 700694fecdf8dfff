/**
 * Time is a dependency. Services take a Clock instead of calling Date.now(),
 * so deadlines, lock-outs and expiries are tested by moving a clock, never by
 * sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: stands still until told to move. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: Date | string = '2026-12-01T03:00:00.000Z') {
    this.#now = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  advanceMinutes(minutes: number): void {
    this.#now += minutes * 60_000;
  }
  advanceHours(hours: number): void {
    this.advanceMinutes(hours * 60);
  }
  set(instant: Date | string): void {
    this.#now = new Date(instant).getTime();
  }
}
