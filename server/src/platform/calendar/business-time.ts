import type { OfficeHours } from '@oscc/contract';

/** Bangkok has no daylight saving: local time is always UTC+7. */
const BANGKOK_OFFSET_MS = 7 * 60 * 60_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The unit's usual working day: its opening minutes a week over the days it opens (480 for 08:30–16:30). */
export function workingDayMinutes(hours: Extract<OfficeHours, { kind: 'business' }>): number {
  const days = new Set(hours.periods.map((period) => period.day));
  const total = hours.periods.reduce((sum, period) => sum + minutesOf(period.closes) - minutesOf(period.opens), 0);
  return Math.max(1, Math.round(total / Math.max(1, days.size)));
}

/**
 * The moment a time frame ends: `minutes` after `start`, counted every minute
 * on the 24/7 clock, or only within the unit's opening hours (Bangkok time)
 * on the business clock — skipping the given public holidays ('YYYY-MM-DD'
 * in Bangkok) when the unit closes on them. A unit open 24 hours counts every
 * minute on either clock. On the business clock a whole number of days is
 * that many working days — each as long as the unit's usual working day (8
 * hours for a government office) — so "7 days" is seven working days, not
 * seven times 24 working hours; other lengths are working hours and minutes.
 */
export function addClockMinutes(
  start: Date,
  minutes: number,
  clock: '24x7' | 'business',
  hours: OfficeHours,
  holidays: ReadonlySet<string> = new Set(),
): Date {
  if (clock === '24x7' || hours.kind === '24h') return new Date(start.getTime() + minutes * MINUTE);
  const working = minutes % (24 * 60) === 0 ? (minutes / (24 * 60)) * workingDayMinutes(hours) : minutes;
  return addWorkingMinutes(start, working, hours, holidays);
}

/** The opening periods (epoch ms, [opens, closes)) of the Bangkok day starting at `dayStart` (local midnight). */
function periodsOn(
  dayStart: number,
  hours: Extract<OfficeHours, { kind: 'business' }>,
  holidays: ReadonlySet<string>,
): [number, number][] {
  const date = new Date(dayStart);
  const isoDay = ((date.getUTCDay() + 6) % 7) + 1;
  if (hours.closedOnPublicHolidays && holidays.has(date.toISOString().slice(0, 10))) return [];
  return hours.periods
    .filter((period) => period.day === isoDay)
    .map((period): [number, number] => [
      dayStart + minutesOf(period.opens) * MINUTE,
      dayStart + minutesOf(period.closes) * MINUTE,
    ])
    .sort((a, b) => a[0] - b[0]);
}

/** `minutes` working minutes after `start` within the unit's opening hours (no whole-day rule). */
export function addWorkingMinutes(
  start: Date,
  minutes: number,
  hours: OfficeHours,
  holidays: ReadonlySet<string> = new Set(),
): Date {
  if (hours.kind === '24h') return new Date(start.getTime() + minutes * MINUTE);
  if (hours.periods.length === 0) throw new Error('a business calendar needs opening periods');
  let remaining = minutes;
  // Walk day by day through the opening periods, in Bangkok local time.
  let local = start.getTime() + BANGKOK_OFFSET_MS;
  let dayStart = Math.floor(local / DAY) * DAY;
  for (let guard = 0; guard < 3660; guard += 1) {
    for (const [opens, closes] of periodsOn(dayStart, hours, holidays)) {
      const from = Math.max(opens, local);
      if (from >= closes) continue;
      const available = (closes - from) / MINUTE;
      if (remaining <= available) return new Date(from + remaining * MINUTE - BANGKOK_OFFSET_MS);
      remaining -= available;
      local = closes;
    }
    dayStart += DAY;
    local = Math.max(local, dayStart);
  }
  throw new Error('the time frame does not end within ten years of opening hours');
}

/** The working minutes between two instants within the unit's opening hours (every minute for 24 hours). */
export function workingMinutesBetween(
  start: Date,
  end: Date,
  hours: OfficeHours,
  holidays: ReadonlySet<string> = new Set(),
): number {
  if (end <= start) return 0;
  if (hours.kind === '24h') return (end.getTime() - start.getTime()) / MINUTE;
  const from = start.getTime() + BANGKOK_OFFSET_MS;
  const to = end.getTime() + BANGKOK_OFFSET_MS;
  let total = 0;
  for (let dayStart = Math.floor(from / DAY) * DAY; dayStart < to; dayStart += DAY) {
    for (const [opens, closes] of periodsOn(dayStart, hours, holidays)) {
      const overlap = Math.min(closes, to) - Math.max(opens, from);
      if (overlap > 0) total += overlap / MINUTE;
    }
  }
  return total;
}
