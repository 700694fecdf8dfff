import { BUDDHIST_ERA_OFFSET } from '@oscc/contract';

/** The years the calendar offers: last year, this year and the next two (Christian era, as the API takes them). */
export function calendarYears(today: Date): number[] {
  const year = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Bangkok', year: 'numeric' }).format(today));
  return [year - 1, year, year + 1, year + 2];
}

/** A Christian-era year as people in Thailand say it (พ.ศ.). */
export function buddhistEraYear(year: number): number {
  return year + BUDDHIST_ERA_OFFSET;
}

/** The weekday of a calendar day (0 Sunday … 6 Saturday), the day being 'YYYY-MM-DD'. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** What is wrong with a day typed into the form, as a dictionary key; null when it is a real calendar day. */
export function dayProblem(day: string): 'calendar.problem.dayRequired' | 'calendar.problem.dayInvalid' | null {
  if (!day.trim()) return 'calendar.problem.dayRequired';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return 'calendar.problem.dayInvalid';
  const parsed = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day
    ? 'calendar.problem.dayInvalid'
    : null;
}
