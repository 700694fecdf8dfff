import { BANGKOK_TIME_ZONE } from '@oscc/contract';

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BANGKOK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as a `datetime-local` input's value in Bangkok time: "2026-12-02T14:30". */
export function bangkokInputValue(value: Date | string): string {
  const parts = Object.fromEntries(
    partsFormat
      .formatToParts(typeof value === 'string' ? new Date(value) : value)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * A `datetime-local` value read as Bangkok time (whatever the device's own zone), as the API takes it:
 * "2026-12-02T14:30" → "2026-12-02T14:30:00+07:00". Null when it is no real moment.
 */
export function fromBangkokInput(value: string): string | null {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  )
    return null;
  return `${value.trim()}:00+07:00`;
}

/** Whole minutes from `now` until `at` (negative once it has passed). */
export function minutesFromNow(at: string, now: Date): number {
  return Math.floor((new Date(at).getTime() - now.getTime()) / 60_000);
}

/** Whether a moment typed in lies in the future (a request cannot arrive, nor a breach be found, tomorrow). */
export function isInFuture(iso: string, now: Date): boolean {
  return new Date(iso).getTime() > now.getTime() + 60_000;
}
