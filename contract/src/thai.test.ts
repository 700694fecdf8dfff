import { describe, expect, it } from 'vitest';
import { buddhistYear, formatBuddhistDate, toAsciiDigits } from './thai.ts';

describe('Thai conventions', () => {
  it('shows dates in the Buddhist era, in Bangkok time', () => {
    // 31 Dec 2026 20:30 UTC is already 1 Jan 2027 in Bangkok: B.E. 2570.
    const instant = new Date('2026-12-31T20:30:00Z');
    expect(buddhistYear(instant)).toBe(2570);
    expect(formatBuddhistDate(instant, 'th', 'dateTime')).toBe('1 ม.ค. 2570 03:30');
    expect(formatBuddhistDate(instant, 'en')).toBe('1 Jan 2570 BE');
    expect(formatBuddhistDate('2026-12-01T03:00:00Z', 'th', 'longDate')).toBe('1 ธันวาคม 2569');
  });

  it('reads Thai digits', () => {
    expect(toAsciiDigits('๑๒/๐๓/๒๕๒๕')).toBe('12/03/2525');
  });
});
