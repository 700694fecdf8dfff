import { BANGKOK_TIME_ZONE } from '@oscc/contract';

/** The reason for breaking the glass, as the server takes it (RevealCaseRequest): 10 to 500 characters. */
export const REVEAL_REASON_MIN = 10;
export const REVEAL_REASON_MAX = 500;

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: BANGKOK_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "14:05": the time of an instant in Bangkok, as "เปิดดูได้ถึง 14:05 น." says it. */
export function bangkokClock(value: string | Date): string {
  return timeFormat.format(typeof value === 'string' ? new Date(value) : value);
}

/** How long a reason is for its counter and its check: the server trims it first. */
export function reasonLength(reason: string): number {
  return [...reason.trim()].length;
}

/** Milliseconds until an opening runs out (at least 0), or null when there is none to wait for. */
export function msUntil(until: string | null, now: Date): number | null {
  if (!until) return null;
  return Math.max(0, new Date(until).getTime() - now.getTime());
}
