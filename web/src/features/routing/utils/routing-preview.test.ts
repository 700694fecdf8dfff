import type { RoutingPreview } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import {
  areaCodeOf,
  bangkokIso,
  chosenCandidate,
  EMPTY_PREVIEW_REQUEST,
  formatBangkokTime,
  placeOfAreaCode,
  previewFromSearch,
  previewParameters,
  previewProblems,
  searchFromPreview,
  type PreviewRequest,
} from './routing-preview.ts';

const ratchaburi: PreviewRequest = {
  problemType: 'child_labour',
  place: { provinceCode: '70', districtCode: '7001', subdistrictCode: '' },
  crisis: false,
  at: '',
};

describe('routing preview question', () => {
  it('asks about the most specific place chosen', () => {
    expect(areaCodeOf({ provinceCode: '70', districtCode: '', subdistrictCode: '' })).toBe('70');
    expect(areaCodeOf(ratchaburi.place)).toBe('7001');
    expect(areaCodeOf({ provinceCode: '70', districtCode: '7001', subdistrictCode: '700101' })).toBe('700101');
    expect(areaCodeOf(EMPTY_PREVIEW_REQUEST.place)).toBe('');
  });

  it('reads the levels of a place back from its code, and nothing from a code that is not one', () => {
    expect(placeOfAreaCode('700101')).toEqual({ provinceCode: '70', districtCode: '7001', subdistrictCode: '700101' });
    expect(placeOfAreaCode('7001')).toEqual({ provinceCode: '70', districtCode: '7001', subdistrictCode: '' });
    expect(placeOfAreaCode('70')).toEqual({ provinceCode: '70', districtCode: '', subdistrictCode: '' });
    expect(placeOfAreaCode('7')).toEqual(EMPTY_PREVIEW_REQUEST.place);
    expect(placeOfAreaCode('70x')).toEqual(EMPTY_PREVIEW_REQUEST.place);
  });

  it('reads a typed date and time as Thai time', () => {
    expect(bangkokIso('2026-12-01T20:30')).toBe('2026-12-01T20:30:00+07:00');
    expect(new Date(bangkokIso('2026-12-01T06:00') ?? '').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(bangkokIso('2026-12-01')).toBeNull();
    expect(bangkokIso('')).toBeNull();
  });

  it('needs a problem type and a province, and a whole date and time when one is given', () => {
    expect(previewProblems(EMPTY_PREVIEW_REQUEST)).toEqual(['problemType', 'province']);
    expect(previewProblems(ratchaburi)).toEqual([]);
    expect(previewProblems({ ...ratchaburi, at: '2026-12-01T' })).toEqual(['at']);
    expect(previewParameters(EMPTY_PREVIEW_REQUEST)).toBeNull();
  });

  it('sends the problem, the area code, crisis as true or false, and the time only when given', () => {
    expect(previewParameters(ratchaburi)).toEqual({ problemType: 'child_labour', areaCode: '7001', crisis: 'false' });
    expect(previewParameters({ ...ratchaburi, crisis: true, at: '2026-12-05T22:15' })).toEqual({
      problemType: 'child_labour',
      areaCode: '7001',
      crisis: 'true',
      at: '2026-12-05T22:15:00+07:00',
    });
  });

  it('keeps the question in the address bar and reads it back the same', () => {
    const asked = { ...ratchaburi, crisis: true, at: '2026-12-05T22:15' };
    const search = searchFromPreview(asked);
    expect(search.toString()).toBe('problem=child_labour&area=7001&crisis=1&at=2026-12-05T22%3A15');
    expect(previewFromSearch(search)).toEqual(asked);
    expect(searchFromPreview(EMPTY_PREVIEW_REQUEST).toString()).toBe('');
    expect(previewFromSearch(new URLSearchParams('area=abc&at=tomorrow&crisis=yes'))).toEqual(EMPTY_PREVIEW_REQUEST);
  });

  it('shows a time in Thai time in either language', () => {
    expect(formatBangkokTime('2026-12-01T20:30:00+07:00', 'en')).toBe('1 Dec 2026, 20:30');
    expect(formatBangkokTime('2026-12-01T20:30:00+07:00', 'th')).toContain('2569');
    expect(formatBangkokTime('not a time', 'th')).toBe('not a time');
  });
});

describe('routing preview answer', () => {
  const unitA = '11111111-1111-4111-8111-111111111111';
  const unitB = '22222222-2222-4222-8222-222222222222';
  const preview = (unitId: string | null, areaCode: string | null): RoutingPreview => ({
    decision: {
      unitId,
      unitNameTh: unitId ? 'หน่วย' : null,
      kind: unitId ? 'area' : 'triage',
      areaLevel: areaCode ? 'district' : null,
      areaCode,
      leadAgency: false,
      open24Hours: false,
      reason: '',
    },
    candidates: [
      { unitId: unitA, unitNameTh: 'ก', areaLevel: 'province', areaCode: '70', leadAgency: true, openNow: false },
      { unitId: unitB, unitNameTh: 'ข', areaLevel: 'province', areaCode: '70', leadAgency: false, openNow: true },
      { unitId: unitB, unitNameTh: 'ข', areaLevel: 'district', areaCode: '7001', leadAgency: false, openNow: true },
    ],
  });

  it('finds the chosen unit among the candidates by unit and area, and none for central triage', () => {
    expect(chosenCandidate(preview(unitB, '7001'))?.areaCode).toBe('7001');
    expect(chosenCandidate(preview(unitA, '70'))?.unitId).toBe(unitA);
    expect(chosenCandidate(preview(unitB, '99'))?.areaCode).toBe('70');
    expect(chosenCandidate(preview(null, null))).toBeNull();
  });
});
