import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { th } from '../i18n/th.ts';
import { minutesUntil, timeLeftParts, timeLeftText, type TimeLeftWords } from './time-left.ts';

/** The dictionaries' own texts, filled in the way i18next does. */
function wordsOf(dictionary: typeof th): TimeLeftWords {
  const fill = (template: string, values: Record<string, string | number>) =>
    template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name]));
  return {
    unit: (unit, count) => fill(dictionary.myWork.time[unit], { count }),
    left: (time) => fill(dictionary.myWork.left, { time }),
    overdue: (time) => fill(dictionary.myWork.overdue, { time }),
  };
}

describe('timeLeftParts', () => {
  it('says hours and minutes from an hour up, and leaves out zero minutes', () => {
    expect(timeLeftParts(5 * 60 + 20)).toEqual({
      isOverdue: false,
      parts: [
        { unit: 'hours', count: 5 },
        { unit: 'minutes', count: 20 },
      ],
    });
    expect(timeLeftParts(-120)).toEqual({ isOverdue: true, parts: [{ unit: 'hours', count: 2 }] });
  });

  it('says days and hours from a day up, and minutes alone under an hour', () => {
    expect(timeLeftParts(3 * 24 * 60 + 4 * 60 + 59).parts).toEqual([
      { unit: 'days', count: 3 },
      { unit: 'hours', count: 4 },
    ]);
    expect(timeLeftParts(30 * 24 * 60).parts).toEqual([{ unit: 'days', count: 30 }]);
    expect(timeLeftParts(45)).toEqual({ isOverdue: false, parts: [{ unit: 'minutes', count: 45 }] });
    expect(timeLeftParts(0)).toEqual({ isOverdue: false, parts: [{ unit: 'minutes', count: 0 }] });
  });
});

describe('minutesUntil', () => {
  it('counts from the server’s time, and a deadline seconds ago is already late', () => {
    expect(minutesUntil('2026-12-01T15:30:00Z', '2026-12-01T10:10:00Z')).toBe(320);
    expect(minutesUntil('2026-12-01T10:00:00Z', '2026-12-01T10:00:30Z')).toBe(-1);
    expect(minutesUntil('2026-12-01T10:00:00Z', new Date('2026-12-01T12:00:00Z'))).toBe(-120);
  });
});

describe('timeLeftText', () => {
  it('reads in Thai and in English', () => {
    expect(timeLeftText(5 * 60 + 20, wordsOf(th))).toBe('เหลือ 5 ชั่วโมง 20 นาที');
    expect(timeLeftText(-120, wordsOf(th))).toBe('เกินกำหนด 2 ชั่วโมง');
    expect(timeLeftText(26 * 60, wordsOf(th))).toBe('เหลือ 1 วัน 2 ชั่วโมง');
    expect(timeLeftText(5 * 60 + 20, wordsOf(en))).toBe('5 h 20 min left');
    expect(timeLeftText(-120, wordsOf(en))).toBe('2 h overdue');
  });
});
