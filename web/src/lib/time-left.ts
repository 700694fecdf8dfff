/** A span of time in the units people say it in: "5 ชั่วโมง 20 นาที", "3 วัน 4 ชั่วโมง", "45 นาที". */
export interface TimeSpanPart {
  unit: 'days' | 'hours' | 'minutes';
  count: number;
}

export interface TimeLeftParts {
  /** Past the deadline. */
  isOverdue: boolean;
  /** The largest unit first, at most two of them; zero parts left out, except "0 นาที" when nothing is left. */
  parts: TimeSpanPart[];
}

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * Minutes left before a deadline (negative: past it) in words a reader can act on: days and hours from a day up,
 * hours and minutes from an hour up, minutes below that. The smaller unit is rounded down, so "เหลือ 1 ชั่วโมง"
 * never promises more than is left.
 */
export function timeLeftParts(minutesLeft: number): TimeLeftParts {
  const isOverdue = minutesLeft < 0;
  const span = Math.floor(Math.abs(minutesLeft));
  const parts: TimeSpanPart[] =
    span >= DAY
      ? [
          { unit: 'days', count: Math.floor(span / DAY) },
          { unit: 'hours', count: Math.floor((span % DAY) / HOUR) },
        ]
      : span >= HOUR
        ? [
            { unit: 'hours', count: Math.floor(span / HOUR) },
            { unit: 'minutes', count: span % HOUR },
          ]
        : [{ unit: 'minutes', count: span }];
  const shown = parts.filter((part, index) => index === 0 || part.count > 0);
  return { isOverdue, parts: shown };
}

/** Whole minutes from `now` until `dueAt` (negative once it has passed), counted on the server's clock. */
export function minutesUntil(dueAt: string, now: string | Date): number {
  const difference = new Date(dueAt).getTime() - new Date(now).getTime();
  // Towards minus infinity: a deadline 30 seconds ago is already late.
  return Math.floor(difference / 60_000);
}

/** The words for each unit and for "left" / "overdue", as the dictionaries give them. */
export interface TimeLeftWords {
  unit: (unit: TimeSpanPart['unit'], count: number) => string;
  left: (time: string) => string;
  overdue: (time: string) => string;
}

/** "เหลือ 5 ชั่วโมง 20 นาที" or "เกินกำหนด 2 ชั่วโมง". */
export function timeLeftText(minutesLeft: number, words: TimeLeftWords): string {
  const { isOverdue, parts } = timeLeftParts(minutesLeft);
  const time = parts.map((part) => words.unit(part.unit, part.count)).join(' ');
  return isOverdue ? words.overdue(time) : words.left(time);
}
