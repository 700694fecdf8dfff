import type { ReportCell, ReportColumn } from '@oscc/contract';
import type { Language } from '../../../i18n/language.ts';

const locale = (language: Language) => (language === 'th' ? 'th-TH' : 'en-GB');

export function formatCount(value: number, language: Language): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

/** A share from 0 to 1: "85.2%". */
export function formatShare(value: number, language: Language): string {
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

export interface DurationWords {
  minutes: (count: string) => string;
  hours: (count: string) => string;
  days: (count: string) => string;
}

/**
 * A duration in the unit people think of it in: minutes under an hour, hours under two days, then days — one
 * decimal at most ("3.5 ชั่วโมง", "4.2 วัน").
 */
export function formatDuration(minutes: number, language: Language, words: DurationWords): string {
  const number = (value: number) => new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(value);
  if (minutes < 60) return words.minutes(number(Math.round(minutes)));
  if (minutes < 48 * 60) return words.hours(number(minutes / 60));
  return words.days(number(minutes / (24 * 60)));
}

/** A cell of a report document as its column reads: a count, a share, a duration or text (in the reader's language). */
export function formatCell(
  cell: ReportCell | undefined,
  kind: ReportColumn['kind'],
  language: Language,
  words: DurationWords,
): string {
  if (cell === undefined || cell === null || cell === '') return '–';
  if (typeof cell === 'object') return cell[language] || cell.th;
  if (typeof cell === 'string') return cell;
  switch (kind) {
    case 'count':
      return formatCount(cell, language);
    case 'percent':
      return formatShare(cell, language);
    case 'minutes':
      return formatDuration(cell, language, words);
    case 'text':
      return String(cell);
  }
}
