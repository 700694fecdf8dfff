import { describe, expect, it } from 'vitest';
import { bangkokClock, msUntil, reasonLength } from './disclosure.ts';

describe('break the glass helpers', () => {
  it('tells the time in Bangkok, 24-hour', () => {
    expect(bangkokClock('2026-12-02T07:05:00Z')).toBe('14:05');
    expect(bangkokClock('2026-12-02T17:30:00Z')).toBe('00:30');
  });

  it('counts the reason as the server does: trimmed, by character', () => {
    expect(reasonLength('  ติดตามผู้เสียหาย  ')).toBe('ติดตามผู้เสียหาย'.length);
    expect(reasonLength('   ')).toBe(0);
  });

  it('waits until an opening runs out, never less than nothing', () => {
    const now = new Date('2026-12-02T07:00:00Z');
    expect(msUntil('2026-12-02T07:30:00Z', now)).toBe(30 * 60_000);
    expect(msUntil('2026-12-02T06:00:00Z', now)).toBe(0);
    expect(msUntil(null, now)).toBeNull();
  });
});
