import { describe, expect, it } from 'vitest';
import { buddhistEraYear, calendarYears, dayProblem, weekdayOf } from './holidays.ts';

describe('the holiday calendar helpers', () => {
  it('offers last year to two years on, by the year in Bangkok', () => {
    // 31 December 2026, 20:00 UTC is already 1 January 2027 in Bangkok.
    expect(calendarYears(new Date('2026-12-31T20:00:00Z'))).toEqual([2026, 2027, 2028, 2029]);
    expect(calendarYears(new Date('2026-06-01T00:00:00Z'))).toEqual([2025, 2026, 2027, 2028]);
    expect(buddhistEraYear(2026)).toBe(2569);
  });

  it('knows the weekday of a calendar day and refuses days that do not exist', () => {
    expect(weekdayOf('2026-12-05')).toBe(6); // a Saturday
    expect(dayProblem('')).toBe('calendar.problem.dayRequired');
    expect(dayProblem('2026-02-30')).toBe('calendar.problem.dayInvalid');
    expect(dayProblem('30/12/2569')).toBe('calendar.problem.dayInvalid');
    expect(dayProblem('2026-12-30')).toBeNull();
  });
});
