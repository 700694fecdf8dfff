import type { AlarmLadderLevel, AlarmType } from '@oscc/contract';
import { timeLeftParts, type TimeSpanPart } from './time-left.ts';

/**
 * What an alarm says first: a warning before the due time, help past its time frame, or — the breach of the
 * 24-hour clock — no service yet. The same three words as the e-mail's subject.
 */
export type AlarmHeadline = 'warning' | 'breach' | 'no_service';

export function alarmHeadline(alarm: { alarm: AlarmType; kind: 'warning' | 'breach' }): AlarmHeadline {
  if (alarm.kind === 'warning') return 'warning';
  return alarm.alarm === 'no_service' ? 'no_service' : 'breach';
}

/** "2 ชั่วโมง 30 นาที": a span of minutes in the units people say it in (the words of lib/time-left.ts). */
export function spanText(minutes: number, unit: (unit: TimeSpanPart['unit'], count: number) => string): string {
  return timeLeftParts(minutes)
    .parts.map((part) => unit(part.unit, part.count))
    .join(' ');
}

/** When a level of the ladder goes out: the warning at a share of the time frame, the others after the breach. */
export type LadderWhen =
  { kind: 'warning'; percent: string } | { kind: 'atBreach' } | { kind: 'afterBreach'; minutes: number };

export function ladderWhen(level: Pick<AlarmLadderLevel, 'level' | 'afterMinutes'>, warningShare: number): LadderWhen {
  if (level.level === 0) return { kind: 'warning', percent: sharePercent(warningShare) };
  return level.afterMinutes === 0 ? { kind: 'atBreach' } : { kind: 'afterBreach', minutes: level.afterMinutes };
}

/** 0.75 → "75"; 0.0001 → "0.01": the warning share as the percentage people type, without float noise. */
export function sharePercent(share: number): string {
  return String(Number((share * 100).toFixed(4)));
}

/** "75" → 0.75; null unless it is a number strictly between 0 and 100 (the contract's open interval). */
export function shareFromPercent(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return null;
  const percent = Number(trimmed);
  if (!(percent > 0 && percent < 100)) return null;
  return Number((percent / 100).toFixed(8));
}
