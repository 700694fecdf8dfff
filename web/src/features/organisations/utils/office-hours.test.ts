import { GOVERNMENT_OFFICE_HOURS, type OfficeHours } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en.ts';
import { th } from '../../../i18n/th.ts';
import {
  draftFromOfficeHours,
  formatOfficeHours,
  governmentHoursDraft,
  officeHoursFromDraft,
  officeHoursProblems,
  officeHoursTexts,
  normalizeTime,
} from './office-hours.ts';

const thai = officeHoursTexts(th.units.hours);
const english = officeHoursTexts(en.units.hours);

describe('formatOfficeHours', () => {
  it('says "around the clock" for a 24-hour unit', () => {
    expect(formatOfficeHours({ kind: '24h' }, thai)).toBe('ตลอด 24 ชั่วโมง');
    expect(formatOfficeHours({ kind: '24h' }, english)).toBe('Open 24 hours');
  });

  it('writes government hours as one run of days, with the public-holiday rule', () => {
    expect(formatOfficeHours(GOVERNMENT_OFFICE_HOURS, thai)).toBe('จันทร์–ศุกร์ 08:30–16:30 · ปิดวันหยุดราชการ');
    expect(formatOfficeHours(GOVERNMENT_OFFICE_HOURS, english)).toBe(
      'Monday–Friday 08:30–16:30 · closed on public holidays',
    );
  });

  it('groups consecutive days with the same hours and keeps a lunch break as two periods', () => {
    const hours: OfficeHours = {
      kind: 'business',
      periods: [
        // Out of order on purpose: the server keeps them as they were sent.
        { day: 2, opens: '13:00', closes: '16:30' },
        { day: 1, opens: '08:30', closes: '12:00' },
        { day: 1, opens: '13:00', closes: '16:30' },
        { day: 2, opens: '08:30', closes: '12:00' },
        { day: 3, opens: '08:00', closes: '16:00' },
        { day: 6, opens: '09:00', closes: '12:00' },
        { day: 7, opens: '09:00', closes: '12:00' },
      ],
      closedOnPublicHolidays: false,
    };
    expect(formatOfficeHours(hours, thai)).toBe(
      'จันทร์–อังคาร 08:30–12:00 และ 13:00–16:30, พุธ 08:00–16:00, เสาร์–อาทิตย์ 09:00–12:00 · เปิดวันหยุดราชการ',
    );
  });

  it('does not join days that are not next to each other', () => {
    const hours: OfficeHours = {
      kind: 'business',
      periods: [1, 3, 5].map((day) => ({ day, opens: '08:30', closes: '16:30' })),
      closedOnPublicHolidays: true,
    };
    expect(formatOfficeHours(hours, english)).toBe(
      'Monday 08:30–16:30, Wednesday 08:30–16:30, Friday 08:30–16:30 · closed on public holidays',
    );
  });
});

describe('the office hours editor draft', () => {
  it('starts from government hours and gives them back unchanged', () => {
    expect(officeHoursFromDraft(governmentHoursDraft())).toEqual(GOVERNMENT_OFFICE_HOURS);
  });

  it('keeps the weekly calendar while set to 24 hours, so switching back loses nothing', () => {
    const draft = { ...governmentHoursDraft(), kind: '24h' as const };
    expect(officeHoursFromDraft(draft)).toEqual({ kind: '24h' });
    expect(officeHoursFromDraft({ ...draft, kind: 'business' })).toEqual(GOVERNMENT_OFFICE_HOURS);
  });

  it('reads a 24-hour unit with government hours ready in case it changes to business hours', () => {
    const draft = draftFromOfficeHours({ kind: '24h' });
    expect(draft.kind).toBe('24h');
    expect(draft.days[1]).toEqual([{ opens: '08:30', closes: '16:30' }]);
    expect(draft.days[6]).toEqual([]);
  });

  it('finds a calendar with no opening, a period that closes before it opens, overlaps and missing times', () => {
    const draft = governmentHoursDraft();
    expect(officeHoursProblems(draft).size).toBe(0);
    expect(
      officeHoursProblems({ ...draft, kind: '24h', days: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } }).size,
    ).toBe(0);
    const empty = { ...draft, days: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } };
    expect([...officeHoursProblems(empty)]).toEqual([['none', 'none']]);
    const wrong = {
      ...draft,
      days: {
        ...draft.days,
        1: [
          { opens: '08:30', closes: '12:00' },
          { opens: '11:00', closes: '16:30' },
        ],
        2: [{ opens: '16:30', closes: '08:30' }],
        3: [{ opens: '', closes: '16:30' }],
      },
    };
    expect(Object.fromEntries(officeHoursProblems(wrong))).toEqual({
      '1.0': 'overlap',
      '1.1': 'overlap',
      '2.0': 'order',
      '3.0': 'missing',
    });
  });
});

describe('normalizeTime', () => {
  it('reads times as people type them, on 24 hours', () => {
    expect(normalizeTime('8.30')).toBe('08:30');
    expect(normalizeTime('0830')).toBe('08:30');
    expect(normalizeTime(' 16:30 น. ')).toBe('16:30');
    expect(normalizeTime('๑๖.๓๐')).toBe('16:30');
    expect(normalizeTime('9')).toBe('09:00');
  });

  it('leaves what is not a time for the check to point at', () => {
    expect(normalizeTime('25:00')).toBe('25:00');
    expect(normalizeTime('8:75')).toBe('8:75');
    expect(normalizeTime('เช้า')).toBe('เช้า');
    expect(normalizeTime('')).toBe('');
  });
});
