import type { ProcedureStep } from '@oscc/contract';

const HOUR = 60;
const DAY = 24 * HOUR;

export type DurationUnit = 'minutes' | 'hours' | 'days';
/** The units an editor types a time frame in. */
export type EnteredDurationUnit = 'hours' | 'days';
export type DurationKey =
  | 'procedures.duration.minutes'
  | 'procedures.duration.hours'
  | 'procedures.duration.days'
  | 'procedures.duration.businessMinutes'
  | 'procedures.duration.businessHours'
  | 'procedures.duration.businessDays';

/**
 * A time frame in the unit people say it in: whole days from two days up ("3 วัน", "7 วัน"), otherwise hours
 * ("24 ชั่วโมง", "72 ชั่วโมง" stays "3 วัน"), and minutes only when it is not a whole number of hours.
 */
export function durationParts(minutes: number): { amount: number; unit: DurationUnit } {
  if (minutes >= 2 * DAY && minutes % DAY === 0) return { amount: minutes / DAY, unit: 'days' };
  if (minutes % HOUR === 0) return { amount: minutes / HOUR, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

/**
 * The dictionary key and count of a time frame on its clock: the business clock says "วันทำการ", and there
 * every whole number of days — one included — is that many working days (the server counts it so).
 */
export function durationText(minutes: number, clock: ProcedureStep['clock']): { key: DurationKey; count: number } {
  const { amount, unit } =
    clock === 'business' && minutes % DAY === 0
      ? { amount: minutes / DAY, unit: 'days' as const }
      : durationParts(minutes);
  const name = unit === 'days' ? 'Days' : unit === 'hours' ? 'Hours' : 'Minutes';
  return {
    key: clock === 'business' ? `procedures.duration.business${name}` : `procedures.duration.${unit}`,
    count: amount,
  };
}

/** A time frame as an editor shows it: a number and hours or days. */
export function enteredDuration(minutes: number): { amount: string; unit: EnteredDurationUnit } {
  const { amount, unit } = durationParts(minutes);
  if (unit === 'days') return { amount: String(amount), unit: 'days' };
  return { amount: String(Math.round((minutes / HOUR) * 100) / 100), unit: 'hours' };
}

/** The longest time frame a step may have (the contract's limit). */
export const MAX_DURATION_MINUTES = 366 * DAY;

/**
 * What the editor typed, in minutes; null when it is not a number above zero within the limit. A decimal comma
 * or point is accepted ("1.5" hours is 90 minutes).
 */
export function parseDuration(amount: string, unit: EnteredDurationUnit): number | null {
  const text = amount.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const minutes = Math.round(Number(text) * (unit === 'days' ? DAY : HOUR));
  if (!Number.isFinite(minutes) || minutes < 1 || minutes > MAX_DURATION_MINUTES) return null;
  return minutes;
}

/** The time frame that applies to a step: the crisis one for a crisis case when the step has one. */
export function applicableDuration(step: ProcedureStep, crisis: boolean): { minutes: number; isCrisis: boolean } {
  if (crisis && step.crisisDurationMinutes !== null) return { minutes: step.crisisDurationMinutes, isCrisis: true };
  return { minutes: step.durationMinutes, isCrisis: false };
}
