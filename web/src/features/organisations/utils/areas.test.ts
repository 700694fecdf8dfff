import { describe, expect, it } from 'vitest';
import {
  addArea,
  areaCodes,
  filterAreas,
  groupAreasByProvince,
  pickedArea,
  removeArea,
  removeProvince,
  type AreaEntry,
} from './areas.ts';

const ratchaburi: AreaEntry = { level: 'province', code: '70', nameTh: 'ราชบุรี', nameEn: 'Ratchaburi' };
const mueang: AreaEntry = { level: 'district', code: '7001', nameTh: 'เมืองราชบุรี', nameEn: 'Mueang Ratchaburi' };
const banPong: AreaEntry = { level: 'district', code: '7005', nameTh: 'บ้านโป่ง', nameEn: 'Ban Pong' };
const naMueang: AreaEntry = { level: 'subdistrict', code: '700101', nameTh: 'หน้าเมือง', nameEn: 'Na Mueang' };
const chiangMai: AreaEntry = { level: 'province', code: '50', nameTh: 'เชียงใหม่', nameEn: 'Chiang Mai' };

describe('the areas of responsibility editor', () => {
  it('adds places in code order', () => {
    let areas: AreaEntry[] = [];
    for (const entry of [banPong, chiangMai, naMueang]) {
      const outcome = addArea(areas, entry);
      expect(outcome.kind).toBe('added');
      areas = outcome.areas;
    }
    expect(areaCodes(areas)).toEqual(['50', '700101', '7005']);
  });

  it('refuses a place already listed, or inside a place already listed, and changes nothing', () => {
    const duplicate = addArea([banPong], banPong);
    expect(duplicate).toMatchObject({ kind: 'duplicate', existing: banPong });
    const covered = addArea([ratchaburi], naMueang);
    expect(covered).toMatchObject({ kind: 'covered', coveredBy: ratchaburi });
    expect(areaCodes(covered.areas)).toEqual(['70']);
  });

  it('lets a whole province replace the districts and subdistricts of it already listed', () => {
    const outcome = addArea([chiangMai, mueang, naMueang, banPong], ratchaburi);
    expect(outcome.kind).toBe('added');
    if (outcome.kind !== 'added') return;
    expect(areaCodes(outcome.areas)).toEqual(['50', '70']);
    expect(areaCodes(outcome.replaced)).toEqual(['7001', '700101', '7005']);
  });

  it('removes one place, or a province with everything in it', () => {
    expect(areaCodes(removeArea([mueang, banPong], '7001'))).toEqual(['7005']);
    expect(areaCodes(removeProvince([chiangMai, mueang, naMueang], '70'))).toEqual(['50']);
  });

  it('groups hundreds of places by province and says when the whole province is covered', () => {
    const many: AreaEntry[] = Array.from({ length: 300 }, (_, index) => ({
      level: 'subdistrict',
      code: `70${String(1 + Math.floor(index / 30)).padStart(2, '0')}${String(1 + (index % 30)).padStart(2, '0')}`,
      nameTh: `ตำบล ${index}`,
      nameEn: null,
    }));
    const groups = groupAreasByProvince([...many, chiangMai]);
    expect(groups.map((group) => [group.provinceCode, group.isWholeProvince, group.entries.length])).toEqual([
      ['50', true, 0],
      ['70', false, 300],
    ]);
  });

  it('filters the list by Thai or English name or code', () => {
    const areas = [ratchaburi, mueang, banPong, naMueang];
    expect(areaCodes(filterAreas(areas, 'บ้าน โป่ง'))).toEqual(['7005']);
    expect(areaCodes(filterAreas(areas, 'mueang'))).toEqual(['7001', '700101']);
    expect(areaCodes(filterAreas(areas, '7001'))).toEqual(['7001', '700101']);
    expect(filterAreas(areas, '  ')).toHaveLength(4);
  });

  it('takes the most precise place chosen in the cascading pickers', () => {
    expect(pickedArea({ province: ratchaburi, district: null, subdistrict: null })).toEqual(ratchaburi);
    expect(pickedArea({ province: ratchaburi, district: banPong, subdistrict: null })?.level).toBe('district');
    expect(pickedArea({ province: ratchaburi, district: mueang, subdistrict: naMueang })).toEqual(naMueang);
    expect(pickedArea({ province: null, district: null, subdistrict: null })).toBeNull();
  });
});
