import { GOVERNMENT_OFFICE_HOURS, type OfficeHours, type OpeningPeriod } from '@oscc/contract';

/** ISO weekdays: 1 = Monday … 7 = Sunday, as the contract counts them. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A day may have a few opening periods (a lunch break, an evening clinic); the contract allows 21 a week. */
export const MAX_PERIODS_PER_DAY = 3;

/** The words the summary is made of, from the dictionary of the reader's language. */
export interface OfficeHoursTexts {
  /** Day names indexed 1–7 (index 0 unused). */
  dayNames: Record<Weekday, string>;
  allDay: string;
  closedOnPublicHolidays: string;
  openOnPublicHolidays: string;
  /** Between the first and last day of a run ("จันทร์–ศุกร์") and between opening and closing times. */
  rangeSeparator: string;
  /** Between two periods of one day ("08:30–12:00 และ 13:00–16:30"). */
  periodSeparator: string;
  /** Between two groups of days ("จันทร์–ศุกร์ 08:30–16:30, เสาร์ 09:00–12:00"). */
  groupSeparator: string;
  /** Before the public-holiday remark. */
  noteSeparator: string;
}

/** The dictionary's `units.hours` section (of either language) as the words of the summary. */
export function officeHoursTexts(section: {
  day: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string>;
  allDay: string;
  closedOnPublicHolidays: string;
  openOnPublicHolidays: string;
  rangeSeparator: string;
  periodSeparator: string;
  groupSeparator: string;
  noteSeparator: string;
}): OfficeHoursTexts {
  const { day } = section;
  return {
    dayNames: { 1: day.mon, 2: day.tue, 3: day.wed, 4: day.thu, 5: day.fri, 6: day.sat, 7: day.sun },
    allDay: section.allDay,
    closedOnPublicHolidays: section.closedOnPublicHolidays,
    openOnPublicHolidays: section.openOnPublicHolidays,
    rangeSeparator: section.rangeSeparator,
    periodSeparator: section.periodSeparator,
    groupSeparator: section.groupSeparator,
    noteSeparator: section.noteSeparator,
  };
}

function periodsText(periods: readonly Pick<OpeningPeriod, 'opens' | 'closes'>[], texts: OfficeHoursTexts): string {
  return periods.map((period) => `${period.opens}${texts.rangeSeparator}${period.closes}`).join(texts.periodSeparator);
}

function daysText(first: Weekday, last: Weekday, texts: OfficeHoursTexts): string {
  return first === last
    ? texts.dayNames[first]
    : `${texts.dayNames[first]}${texts.rangeSeparator}${texts.dayNames[last]}`;
}

/**
 * Office hours in words: "ตลอด 24 ชั่วโมง", or runs of consecutive days with the same hours —
 * "จันทร์–ศุกร์ 08:30–16:30 · ปิดวันหยุดราชการ".
 */
export function formatOfficeHours(hours: OfficeHours, texts: OfficeHoursTexts): string {
  if (hours.kind === '24h') return texts.allDay;
  const byDay = new Map<number, OpeningPeriod[]>();
  for (const period of [...hours.periods].sort((a, b) => a.opens.localeCompare(b.opens))) {
    byDay.set(period.day, [...(byDay.get(period.day) ?? []), period]);
  }
  const groups: { first: Weekday; last: Weekday; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const periods = byDay.get(day);
    if (!periods) continue;
    const text = periodsText(periods, texts);
    const previous = groups.at(-1);
    if (previous && previous.last === day - 1 && previous.text === text) previous.last = day;
    else groups.push({ first: day, last: day, text });
  }
  const schedule = groups
    .map((group) => `${daysText(group.first, group.last, texts)} ${group.text}`)
    .join(texts.groupSeparator);
  const holidays = hours.closedOnPublicHolidays ? texts.closedOnPublicHolidays : texts.openOnPublicHolidays;
  return `${schedule}${texts.noteSeparator}${holidays}`;
}

/** What the office hours editor holds: both kinds at once, so switching to 24 hours and back loses nothing. */
export interface OfficeHoursDraft {
  kind: '24h' | 'business';
  days: Record<Weekday, { opens: string; closes: string }[]>;
  closedOnPublicHolidays: boolean;
}

function emptyDays(): OfficeHoursDraft['days'] {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
}

export function draftFromOfficeHours(hours: OfficeHours): OfficeHoursDraft {
  const source = hours.kind === 'business' ? hours : GOVERNMENT_OFFICE_HOURS;
  const days = emptyDays();
  if (source.kind === 'business') {
    for (const period of [...source.periods].sort((a, b) => a.opens.localeCompare(b.opens))) {
      if (period.day >= 1 && period.day <= 7) {
        days[period.day as Weekday].push({ opens: period.opens, closes: period.closes });
      }
    }
  }
  return {
    kind: hours.kind,
    days,
    closedOnPublicHolidays: source.kind === 'business' ? source.closedOnPublicHolidays : true,
  };
}

/** Thai government hours: Monday to Friday 08:30–16:30, closed on public holidays. */
export function governmentHoursDraft(): OfficeHoursDraft {
  return draftFromOfficeHours(GOVERNMENT_OFFICE_HOURS);
}

export function officeHoursFromDraft(draft: OfficeHoursDraft): OfficeHours {
  if (draft.kind === '24h') return { kind: '24h' };
  return {
    kind: 'business',
    periods: WEEKDAYS.flatMap((day) => draft.days[day].map((period) => ({ day, ...period }))),
    closedOnPublicHolidays: draft.closedOnPublicHolidays,
  };
}

/** What is wrong with a draft, keyed "none" (no opening at all) or "day.index" (a period that does not add up). */
export type OfficeHoursProblem = 'none' | 'missing' | 'order' | 'overlap';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A time as people type it — "8.30", "0830", "8:30 น.", Thai digits — as HH:MM on 24 hours, the way Thai
 * offices write opening hours. Anything that is not a time is given back trimmed, for the check to point at.
 */
export function normalizeTime(text: string): string {
  const ascii = text.trim().replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50));
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?\s*(?:น\.?)?$/.exec(ascii);
  if (!match) return ascii;
  const hours = Number(match[1]);
  const minutes = match[2] ?? '00';
  if (hours > 23 || Number(minutes) > 59) return ascii;
  return `${String(hours).padStart(2, '0')}:${minutes}`;
}

export function officeHoursProblems(draft: OfficeHoursDraft): Map<string, OfficeHoursProblem> {
  const problems = new Map<string, OfficeHoursProblem>();
  if (draft.kind === '24h') return problems;
  if (WEEKDAYS.every((day) => draft.days[day].length === 0)) problems.set('none', 'none');
  for (const day of WEEKDAYS) {
    const periods = draft.days[day];
    periods.forEach((period, index) => {
      const key = `${day}.${index}`;
      if (!TIME.test(period.opens) || !TIME.test(period.closes)) problems.set(key, 'missing');
      else if (period.opens >= period.closes) problems.set(key, 'order');
      else if (
        periods.some(
          (other, otherIndex) =>
            otherIndex !== index &&
            TIME.test(other.opens) &&
            TIME.test(other.closes) &&
            other.opens < period.closes &&
            period.opens < other.closes,
        )
      )
        problems.set(key, 'overlap');
    });
  }
  return problems;
}
