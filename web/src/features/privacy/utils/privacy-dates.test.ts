import { describe, expect, it } from 'vitest';
import { bangkokInputValue, fromBangkokInput, isInFuture, minutesFromNow } from './privacy-dates.ts';

describe('privacy dates', () => {
  it('shows an instant in a datetime-local input as Bangkok time', () => {
    expect(bangkokInputValue('2026-12-02T07:05:00Z')).toBe('2026-12-02T14:05');
    expect(bangkokInputValue(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01T00:30');
  });

  it('reads a datetime-local value as Bangkok time, whatever the device zone', () => {
    expect(fromBangkokInput('2026-12-02T14:05')).toBe('2026-12-02T14:05:00+07:00');
    expect(new Date(fromBangkokInput('2026-12-02T14:05') ?? '').toISOString()).toBe('2026-12-02T07:05:00.000Z');
  });

  it('refuses what is no moment', () => {
    expect(fromBangkokInput('')).toBeNull();
    expect(fromBangkokInput('2026-02-30T10:00')).toBeNull();
    expect(fromBangkokInput('2026-12-02')).toBeNull();
    expect(fromBangkokInput('2026-12-02T24:10')).toBeNull();
  });

  it('counts minutes to a deadline, negative once past', () => {
    const now = new Date('2026-12-02T07:00:00Z');
    expect(minutesFromNow('2026-12-05T07:00:00Z', now)).toBe(72 * 60);
    expect(minutesFromNow('2026-12-02T06:59:30Z', now)).toBe(-1);
  });

  it('tells a moment in the future from one now or past', () => {
    const now = new Date('2026-12-02T07:00:00Z');
    expect(isInFuture('2026-12-02T14:30:00+07:00', now)).toBe(true);
    expect(isInFuture('2026-12-02T14:00:00+07:00', now)).toBe(false);
  });
});
