import {
  CLOSURE_REASONS,
  FOLLOW_UP_OUTCOMES,
  formatBuddhistDate,
  type CaseTask,
  type CaseWork,
  type ClosureReason,
  type FollowUpOutcome,
  type TimelineEntry,
} from '@oscc/contract';

const BANGKOK_OFFSET = '+07:00';

/** A calendar day (YYYY-MM-DD) in the Buddhist era; noon in Bangkok so no time zone moves it to another day. */
export function dayText(day: string, language: 'th' | 'en'): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatBuddhistDate(`${day}T12:00:00${BANGKOK_OFFSET}`, language) : day;
}

/** Today's calendar date (YYYY-MM-DD) in Bangkok, whatever zone the device is set to. */
export function bangkokToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Bangkok',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * A date and time typed into a `datetime-local` input ("2026-12-05T17:00") as an instant: the form says it is
 * Thailand time, so it is read as Bangkok time even on a device set to another zone. Null when it is not one.
 */
export function bangkokDateTimeToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const instant = new Date(`${value}:00${BANGKOK_OFFSET}`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

/** The units of the team, the lead first, each with its tasks; units no longer on the team keep their tasks. */
export function tasksByUnit(
  work: Pick<CaseWork, 'tasks' | 'teamUnits'>,
): { unit: { id: string; nameTh: string; nameEn: string | null }; isLead: boolean; tasks: CaseTask[] }[] {
  const groups = work.teamUnits.map((team) => ({
    unit: { id: team.id, nameTh: team.nameTh, nameEn: team.nameEn },
    isLead: team.lead,
    tasks: work.tasks.filter((task) => task.unit.id === team.id),
  }));
  for (const task of work.tasks) {
    if (groups.some((group) => group.unit.id === task.unit.id)) continue;
    groups.push({
      unit: task.unit,
      isLead: false,
      tasks: work.tasks.filter((other) => other.unit.id === task.unit.id),
    });
  }
  return groups;
}

/** The follow-up task still waiting to be recorded, if the case has one. */
export function openFollowUp(work: Pick<CaseWork, 'tasks'>): CaseTask | null {
  return work.tasks.find((task) => task.kind === 'follow_up' && task.status === 'open') ?? null;
}

/** The timeline the page shows: the latest first (the server sends the oldest first), stable for equal times. */
export function newestFirst(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.at < b.entry.at ? 1 : a.entry.at > b.entry.at ? -1 : b.index - a.index))
    .map(({ entry }) => entry);
}

/** A detail of a timeline entry as text ('' when it is missing or not text). */
export function detailText(entry: Pick<TimelineEntry, 'details'>, name: string): string {
  const value = entry.details[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** The longest texts the server keeps. */
export const NOTE_MAX_LENGTH = 10_000;
export const SHORT_TEXT_MAX_LENGTH = 5_000;
export const TITLE_MAX_LENGTH = 300;
export const DECISION_NOTE_MAX_LENGTH = 2_000;

/**
 * What the server recorded in a code, said in words where the code is known: the reason a case changed state
 * (a closure reason, an accepted referral), or a follow-up task's result (the follow-up outcome). Anything else —
 * what a person typed — is shown as it was written.
 */
export function recordedText(
  text: string,
  words: {
    closureReason: (code: ClosureReason) => string;
    followUpOutcome: (code: FollowUpOutcome) => string;
    referralAccepted: string;
  },
): string {
  if ((CLOSURE_REASONS as readonly string[]).includes(text)) return words.closureReason(text as ClosureReason);
  if ((FOLLOW_UP_OUTCOMES as readonly string[]).includes(text)) return words.followUpOutcome(text as FollowUpOutcome);
  if (text === 'referral accepted') return words.referralAccepted;
  return text;
}
