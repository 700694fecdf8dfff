import { GOVERNMENT_OFFICE_HOURS, type OfficeHours } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { addClockMinutes, addWorkingMinutes, workingDayMinutes, workingMinutesBetween } from './business-time.ts';

/** Times written in Bangkok (UTC+7) to read like the calendar on the wall. */
const bkk = (local: string) => new Date(`${local}+07:00`);
const H = 60;

describe('time frames on their clocks', () => {
  it('counts every minute on the 24/7 clock, weekends and nights included', () => {
    expect(addClockMinutes(bkk('2026-12-04T22:00:00'), 24 * H, '24x7', GOVERNMENT_OFFICE_HOURS)).toEqual(
      bkk('2026-12-05T22:00:00'),
    );
  });

  it('counts only office hours on the business clock (Mon–Fri 08:30–16:30)', () => {
    // Friday 15:30 + 2 working hours: one hour on Friday, one on Monday morning.
    expect(addClockMinutes(bkk('2026-12-04T15:30:00'), 2 * H, 'business', GOVERNMENT_OFFICE_HOURS)).toEqual(
      bkk('2026-12-07T09:30:00'),
    );
    // Received at night: the count starts when the office opens.
    expect(addClockMinutes(bkk('2026-12-01T20:00:00'), 30, 'business', GOVERNMENT_OFFICE_HOURS)).toEqual(
      bkk('2026-12-02T09:00:00'),
    );
    // Seven working days of 8 hours from Tuesday 10:00 → the Thursday of the next week, 10:00.
    expect(addClockMinutes(bkk('2026-12-01T10:00:00'), 7 * 8 * H, 'business', GOVERNMENT_OFFICE_HOURS)).toEqual(
      bkk('2026-12-10T10:00:00'),
    );
  });

  it('counts whole days on the business clock as working days of the unit’s usual length', () => {
    expect(workingDayMinutes(GOVERNMENT_OFFICE_HOURS as Extract<OfficeHours, { kind: 'business' }>)).toBe(480);
    // "7 days" on the business clock: seven working days, the same as 7 × 8 working hours.
    expect(addClockMinutes(bkk('2026-12-01T10:00:00'), 7 * 24 * H, 'business', GOVERNMENT_OFFICE_HOURS)).toEqual(
      bkk('2026-12-10T10:00:00'),
    );
    // One working day from Friday 15:00 is Monday 15:00; from Friday night, the end of Monday.
    expect(addClockMinutes(bkk('2026-12-04T15:00:00'), 24 * H, 'business', GOVERNMENT_OFFICE_HOURS)).toEqual(
      bkk('2026-12-07T15:00:00'),
    );
    expect(addClockMinutes(bkk('2026-12-04T20:00:00'), 24 * H, 'business', GOVERNMENT_OFFICE_HOURS)).toEqual(
      bkk('2026-12-07T16:30:00'),
    );
  });

  it('skips public holidays when the unit closes on them — across a holiday weekend', () => {
    // Constitution Day, Thursday 10 December 2026; Friday 11 taken as a bridge holiday in this example.
    const holidays = new Set(['2026-12-10', '2026-12-11']);
    expect(addClockMinutes(bkk('2026-12-09T15:30:00'), 2 * H, 'business', GOVERNMENT_OFFICE_HOURS, holidays)).toEqual(
      bkk('2026-12-14T09:30:00'),
    );
    const openOnHolidays = { ...GOVERNMENT_OFFICE_HOURS, closedOnPublicHolidays: false };
    expect(addClockMinutes(bkk('2026-12-09T15:30:00'), 2 * H, 'business', openOnHolidays, holidays)).toEqual(
      bkk('2026-12-10T09:30:00'),
    );
  });

  it('treats a unit open 24 hours as every minute, on either clock', () => {
    expect(addClockMinutes(bkk('2026-12-05T03:00:00'), 90, 'business', { kind: '24h' })).toEqual(
      bkk('2026-12-05T04:30:00'),
    );
  });

  it('handles split opening periods (a lunch break)', () => {
    const split = {
      kind: 'business' as const,
      periods: [
        { day: 2, opens: '08:30', closes: '12:00' },
        { day: 2, opens: '13:00', closes: '16:30' },
      ],
      closedOnPublicHolidays: true,
    };
    expect(addClockMinutes(bkk('2026-12-01T11:30:00'), 60, 'business', split)).toEqual(bkk('2026-12-01T13:30:00'));
  });
});

describe('working minutes between two instants', () => {
  it('count only opening hours, skip holidays, and undo addWorkingMinutes', () => {
    // Friday 15:30 → Monday 09:30: one hour on Friday, one on Monday.
    expect(workingMinutesBetween(bkk('2026-12-04T15:30:00'), bkk('2026-12-07T09:30:00'), GOVERNMENT_OFFICE_HOURS)).toBe(
      2 * H,
    );
    // With Monday 7 December a holiday, Friday 15:30 + 2 working hours is Tuesday 09:30.
    const holidays = new Set(['2026-12-07']);
    const end = addWorkingMinutes(bkk('2026-12-04T15:30:00'), 2 * H, GOVERNMENT_OFFICE_HOURS, holidays);
    expect(end).toEqual(bkk('2026-12-08T09:30:00'));
    expect(workingMinutesBetween(bkk('2026-12-04T15:30:00'), end, GOVERNMENT_OFFICE_HOURS, holidays)).toBe(2 * H);
    // Round the clock: every minute; backwards: none.
    expect(workingMinutesBetween(bkk('2026-12-05T00:00:00'), bkk('2026-12-05T06:00:00'), { kind: '24h' })).toBe(6 * H);
    expect(workingMinutesBetween(bkk('2026-12-05T06:00:00'), bkk('2026-12-05T00:00:00'), { kind: '24h' })).toBe(0);
  });
});
