import { describe, expect, it } from 'vitest';
import { parseOfficeHours } from './import-units.service.ts';

const weekdays = (opens: string, closes: string, days = [1, 2, 3, 4, 5]) => days.map((day) => ({ day, opens, closes }));

describe('office hours as people write them', () => {
  it.each([
    ['24 ชั่วโมง', { kind: '24h' }],
    ['ตลอด ๒๔ ชั่วโมง', { kind: '24h' }],
    ['24 hours', { kind: '24h' }],
  ])('%s → around the clock', (text, expected) => {
    expect(parseOfficeHours(text)).toEqual(expected);
  });

  it.each([
    ['เวลาราชการ', weekdays('08:30', '16:30')],
    ['08:00-17:00', weekdays('08:00', '17:00')],
    ['๘.๓๐-๑๖.๓๐ น.', weekdays('08:30', '16:30')],
    ['จ-ส 08:30-16:30', weekdays('08:30', '16:30', [1, 2, 3, 4, 5, 6])],
    [
      'Mon-Fri 9:00-18:00, Sat 9:00-12:00',
      [...weekdays('09:00', '18:00'), { day: 6, opens: '09:00', closes: '12:00' }],
    ],
    ['อา 10:00-14:00', [{ day: 7, opens: '10:00', closes: '14:00' }]],
    ['จันทร์ถึงศุกร์ 08:00-16:00', weekdays('08:00', '16:00')],
  ])('%s → a business calendar', (text, periods) => {
    expect(parseOfficeHours(text)).toEqual({ kind: 'business', periods, closedOnPublicHolidays: true });
  });

  it.each(['บ่ายๆ', '17:00-08:00', '25:00-26:00', 'ศ-จ 08:00-17:00', '08:00'])('%s → not understood', (text) => {
    expect(parseOfficeHours(text)).toBeNull();
  });
});
