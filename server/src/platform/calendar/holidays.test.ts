import { describe, expect, it } from 'vitest';
import { seededHolidays } from '../db/migrations/0013-public-holidays.ts';

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

describe('the seeded public holidays', () => {
  const holidays = seededHolidays();
  const days = holidays.map((holiday) => holiday.day);

  it('hold each day once, for 2026 and 2027', () => {
    expect(new Set(days).size).toBe(days.length);
    expect(days.every((day) => day.startsWith('2026-') || day.startsWith('2027-'))).toBe(true);
    for (const day of ['2026-01-01', '2026-04-13', '2026-04-14', '2026-04-15', '2026-12-10', '2027-07-28'])
      expect(days).toContain(day);
  });

  it('give the next working day off for a holiday on a weekend', () => {
    const substitutes = holidays.filter((holiday) => holiday.nameEn.startsWith('Substitution'));
    expect(substitutes.map((holiday) => holiday.day)).toEqual([
      '2026-06-01', // Visakha Bucha, Sunday 31 May
      '2026-12-07', // 5 December, a Saturday
      '2027-02-22', // Makha Bucha, Saturday 20 February
      '2027-07-20', // Asanha Bucha, Sunday 18 July (Monday 19 is Buddhist Lent Day)
      '2027-10-25', // Chulalongkorn Day, a Saturday
      '2027-12-06', // 5 December, a Sunday
    ]);
    expect(substitutes.every((holiday) => weekday(holiday.day) !== 0 && weekday(holiday.day) !== 6)).toBe(true);
  });

  it('mark the lunar dates (and their substitution days) to be checked against the Cabinet’s list', () => {
    const lunar = holidays.filter((holiday) => holiday.lunar).map((holiday) => holiday.day);
    expect(lunar).toEqual(
      expect.arrayContaining(['2026-03-03', '2026-05-31', '2026-06-01', '2027-02-20', '2027-07-19', '2027-07-20']),
    );
    expect(lunar).not.toContain('2026-04-13');
  });
});
