import type { ProcedureStep } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { th } from '../i18n/th.ts';
import { applicableDuration, durationParts, durationText, enteredDuration, parseDuration } from './procedure-steps.ts';

const H = 60;
const DAY = 24 * H;

/** The Thai text a key and count give, as i18next would interpolate it. */
function thai(minutes: number, clock: ProcedureStep['clock']): string {
  const { key, count } = durationText(minutes, clock);
  const name = key.split('.')[2] as keyof typeof th.procedures.duration;
  return th.procedures.duration[name].replace('{{count}}', String(count));
}

const step: ProcedureStep = {
  code: 'first_contact',
  nameTh: 'ติดต่อผู้ประสบปัญหาครั้งแรก',
  nameEn: 'First contact with the person',
  responsible: 'responsible_unit',
  durationMinutes: 72 * H,
  crisisDurationMinutes: 24 * H,
  clock: '24x7',
  completion: 'first_contact',
  requiresApproval: false,
};

describe('time frames in words', () => {
  it('says whole days from two days up, hours below, minutes only when hours do not divide', () => {
    expect(durationParts(24 * H)).toEqual({ amount: 24, unit: 'hours' });
    expect(durationParts(72 * H)).toEqual({ amount: 3, unit: 'days' });
    expect(durationParts(7 * DAY)).toEqual({ amount: 7, unit: 'days' });
    expect(durationParts(36 * H)).toEqual({ amount: 36, unit: 'hours' });
    expect(durationParts(90)).toEqual({ amount: 90, unit: 'minutes' });
  });

  it('writes the Thai a social worker would say, with วันทำการ on the business clock', () => {
    expect(thai(24 * H, '24x7')).toBe('24 ชั่วโมง');
    expect(thai(72 * H, '24x7')).toBe('3 วัน');
    expect(thai(7 * DAY, '24x7')).toBe('7 วัน');
    expect(thai(7 * DAY, 'business')).toBe('7 วันทำการ');
    expect(thai(8 * H, 'business')).toBe('8 ชั่วโมงทำการ');
    // A whole day on the business clock is one working day, not 24 working hours.
    expect(thai(24 * H, 'business')).toBe('1 วันทำการ');
    expect(thai(30, '24x7')).toBe('30 นาที');
  });

  it('takes the crisis time frame only for a crisis case and only when the step has one', () => {
    expect(applicableDuration(step, false)).toEqual({ minutes: 72 * H, isCrisis: false });
    expect(applicableDuration(step, true)).toEqual({ minutes: 24 * H, isCrisis: true });
    expect(applicableDuration({ ...step, crisisDurationMinutes: null }, true)).toEqual({
      minutes: 72 * H,
      isCrisis: false,
    });
  });
});

describe('time frames as typed', () => {
  it('turns a number of hours or days into minutes', () => {
    expect(parseDuration('24', 'hours')).toBe(24 * H);
    expect(parseDuration(' 7 ', 'days')).toBe(7 * DAY);
    expect(parseDuration('1.5', 'hours')).toBe(90);
    expect(parseDuration('1,5', 'hours')).toBe(90);
    expect(parseDuration('366', 'days')).toBe(366 * DAY);
  });

  it('refuses what is not a time frame', () => {
    for (const text of ['', '0', '-1', 'abc', '1e3', '7 วัน', '367'])
      expect(parseDuration(text, 'days'), text).toBeNull();
    expect(parseDuration('0.001', 'hours')).toBeNull();
  });

  it('shows a stored time frame in the unit it reads best, and reads back the same minutes', () => {
    expect(enteredDuration(24 * H)).toEqual({ amount: '24', unit: 'hours' });
    expect(enteredDuration(7 * DAY)).toEqual({ amount: '7', unit: 'days' });
    expect(enteredDuration(90)).toEqual({ amount: '1.5', unit: 'hours' });
    for (const minutes of [60, 24 * H, 72 * H, 7 * DAY, 30 * DAY, 90]) {
      const { amount, unit } = enteredDuration(minutes);
      expect(parseDuration(amount, unit)).toBe(minutes);
    }
  });
});
