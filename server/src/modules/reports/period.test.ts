import { describe, expect, it } from 'vitest';
import { bangkokDay, bangkokDayStart, monthsOf, resolvePeriod, splitPeriod } from './period.ts';
import { nextSendAt, sendingPeriod } from './subscriptions.ts';

// 1 Dec 2026, 10:00 in Bangkok (a Tuesday).
const now = new Date('2026-12-01T03:00:00.000Z');

describe('a report period', () => {
  it('is the last twelve months by default, the last whole month for the monthly report, in Bangkok days', () => {
    expect(resolvePeriod('dashboard', {}, now)).toEqual({ from: '2026-01-01', to: '2026-12-01' });
    expect(resolvePeriod('monthly', {}, now)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(resolvePeriod('monthly', {}, new Date('2026-03-05T00:00:00Z'))).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(resolvePeriod('service', { from: '2026-10-01' }, now)).toEqual({ from: '2026-10-01', to: '2026-12-01' });
    expect(resolvePeriod('service', { to: '2026-09-30' }, now)).toEqual({ from: '2025-10-01', to: '2026-09-30' });
    // 23:30 on 31 Dec UTC is already 1 Jan in Bangkok.
    expect(bangkokDay(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(bangkokDayStart('2027-01-01').toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('refuses from after to, and more than ten years', () => {
    expect(() => resolvePeriod('dashboard', { from: '2026-10-02', to: '2026-10-01' }, now)).toThrow();
    expect(() => resolvePeriod('dashboard', { from: '2015-01-01', to: '2026-10-01' }, now)).toThrow();
  });

  it('splits into the whole months the sums answer and the partial months at its edges', () => {
    expect(splitPeriod({ from: '2026-01-01', to: '2026-12-01' })).toEqual({
      months: { first: '2026-01-01', last: '2026-11-01' },
      edges: [{ from: '2026-12-01', to: '2026-12-01' }],
    });
    expect(splitPeriod({ from: '2026-08-17', to: '2026-11-03' })).toEqual({
      months: { first: '2026-09-01', last: '2026-10-01' },
      edges: [
        { from: '2026-08-17', to: '2026-08-31' },
        { from: '2026-11-01', to: '2026-11-03' },
      ],
    });
    expect(splitPeriod({ from: '2026-02-01', to: '2026-02-28' })).toEqual({
      months: { first: '2026-02-01', last: '2026-02-01' },
      edges: [],
    });
    expect(splitPeriod({ from: '2026-02-03', to: '2026-02-20' })).toEqual({
      months: null,
      edges: [{ from: '2026-02-03', to: '2026-02-20' }],
    });
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('a subscription', () => {
  const at = { sendHour: 7, sendMinute: 0 };
  it('goes out at the sending time: today if still to come, else on its next day', () => {
    const daily = { frequency: 'daily' as const, weekday: null, last_sent_day: null };
    expect(nextSendAt(daily, new Date('2026-12-01T23:00:00Z'), at).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(nextSendAt(daily, now, at).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    // Sent today already: tomorrow.
    expect(
      nextSendAt({ ...daily, last_sent_day: '2026-12-02' }, new Date('2026-12-01T23:00:00Z'), at).toISOString(),
    ).toBe('2026-12-03T00:00:00.000Z');
    // Weekly on Mondays (1): the next Monday is 7 Dec.
    const monday = { frequency: 'weekly' as const, weekday: 1, last_sent_day: null };
    expect(nextSendAt(monday, now, at).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('covers the day before, or the seven days before', () => {
    expect(sendingPeriod('daily', '2026-12-02')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(sendingPeriod('weekly', '2026-12-07')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  });
});
