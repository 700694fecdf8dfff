import type { PlaceMatch } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { cleanPostcode, completePostcode, placeCodesOf, placeMatchLabel } from './postcode.ts';

const NA_MUEANG: PlaceMatch = {
  level: 'subdistrict',
  code: '700101',
  province: { code: '70', nameTh: 'ราชบุรี', nameEn: 'Ratchaburi' },
  district: { code: '7001', provinceCode: '70', nameTh: 'เมืองราชบุรี', nameEn: 'Mueang Ratchaburi' },
  subdistrict: {
    code: '700101',
    districtCode: '7001',
    provinceCode: '70',
    nameTh: 'หน้าเมือง',
    nameEn: null,
    postcodes: ['70000'],
  },
  labelTh: 'ต.หน้าเมือง อ.เมืองราชบุรี จ.ราชบุรี 70000',
  labelEn: 'Na Mueang, Mueang Ratchaburi, Ratchaburi 70000',
};

describe('cleanPostcode', () => {
  it('turns Thai digits into 0-9, drops everything else and keeps five digits', () => {
    expect(cleanPostcode('๗๐๐๐๐')).toBe('70000');
    expect(cleanPostcode(' 70-1 1๐ ')).toBe('70110');
    expect(cleanPostcode('701101')).toBe('70110');
    expect(cleanPostcode('ab')).toBe('');
  });
});

describe('completePostcode', () => {
  it('is the postcode once five digits are there, else null', () => {
    expect(completePostcode('7000')).toBeNull();
    expect(completePostcode('๗๐๐๐๐')).toBe('70000');
    expect(completePostcode('')).toBeNull();
  });
});

describe('placeCodesOf', () => {
  it('gives the province, district and subdistrict codes of a subdistrict', () => {
    expect(placeCodesOf(NA_MUEANG)).toEqual({ provinceCode: '70', districtCode: '7001', subdistrictCode: '700101' });
  });

  it('is null for a province or district match', () => {
    expect(placeCodesOf({ ...NA_MUEANG, level: 'district', code: '7001', subdistrict: null })).toBeNull();
  });
});

describe('placeMatchLabel', () => {
  it('names subdistrict · district · province, in English where known', () => {
    expect(placeMatchLabel(NA_MUEANG, 'th')).toBe('หน้าเมือง · เมืองราชบุรี · ราชบุรี');
    expect(placeMatchLabel(NA_MUEANG, 'en')).toBe('หน้าเมือง · Mueang Ratchaburi · Ratchaburi');
  });
});
