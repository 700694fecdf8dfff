/**
 * Thai conventions shared by the server and the web app: Buddhist-era dates
 * in Asia/Bangkok, Thai digits.
 */
export const BANGKOK_TIME_ZONE = 'Asia/Bangkok';
export const BUDDHIST_ERA_OFFSET = 543;

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/** Replaces Thai digits (๐–๙) with ASCII digits, leaving everything else alone. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (digit) => String(THAI_DIGITS.indexOf(digit)));
}

export type DateStyle = 'date' | 'dateTime' | 'longDate';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats an instant for people: Buddhist-era year, Asia/Bangkok time, in
 * Thai or English. "1 ธ.ค. 2569 20:45" / "1 Dec 2569 BE, 20:45".
 */
export function formatBuddhistDate(value: Date | string, language: 'th' | 'en', style: DateStyle = 'date'): string {
  const instant = typeof value === 'string' ? new Date(value) : value;
  const key = `${language}:${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB-u-ca-buddhist', {
      timeZone: BANGKOK_TIME_ZONE,
      day: 'numeric',
      month: style === 'longDate' ? 'long' : 'short',
      year: 'numeric',
      ...(style === 'dateTime' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter.format(instant);
}

/** The Buddhist-era year of an instant as seen in Bangkok. */
const bangkokYear = new Intl.DateTimeFormat('en-US', { timeZone: BANGKOK_TIME_ZONE, year: 'numeric' });

export function buddhistYear(value: Date): number {
  const year = Number(bangkokYear.format(value));
  return year + BUDDHIST_ERA_OFFSET;
}
