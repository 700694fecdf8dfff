import { GOVERNMENT_OFFICE_HOURS, type UnitDetail } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import {
  emptyUnitForm,
  formFromUnit,
  isUnitFormField,
  missingUnitFields,
  problemsByField,
  toCreateUnitRequest,
  toUpdateUnitRequest,
} from './unit-form.ts';

const unit: UnitDetail = {
  id: '1b8887f8-5275-4718-ae09-c0987b71982d',
  agencyId: '430ced23-2b18-4566-b239-ca4db935fd82',
  code: 'MOPH-OSCC-70-03',
  type: 'hospital_crisis_centre',
  nameTh: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี',
  nameEn: null,
  provinceCode: '70',
  districtCode: '7001',
  subdistrictCode: null,
  open24Hours: true,
  active: true,
  agency: {
    id: '430ced23-2b18-4566-b239-ca4db935fd82',
    nameTh: 'สำนักงานปลัดกระทรวงสาธารณสุข',
    nameEn: null,
    rootId: '3ec71e7e-66c8-410e-909a-6da0343f20da',
  },
  address: null,
  postcode: null,
  phone: null,
  email: null,
  officeHours: { kind: '24h' },
  areas: [{ level: 'province', code: '70', nameTh: 'ราชบุรี', nameEn: 'Ratchaburi' }],
  problemTypes: ['violence'],
  version: 3,
  createdAt: '2026-12-01T15:19:50.160Z',
  updatedAt: '2026-12-01T15:19:50.160Z',
};

describe('the unit form', () => {
  it('gives back what it read, with the version, empty fields as null', () => {
    const values = { ...formFromUnit(unit), phone: ' 032-719-600 ' };
    expect(toUpdateUnitRequest(values, unit.version)).toEqual({
      version: 3,
      code: 'MOPH-OSCC-70-03',
      type: 'hospital_crisis_centre',
      nameTh: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี',
      nameEn: null,
      provinceCode: '70',
      districtCode: '7001',
      subdistrictCode: null,
      address: null,
      postcode: null,
      phone: '032-719-600',
      email: null,
      officeHours: { kind: '24h' },
      areas: ['70'],
      problemTypes: ['violence'],
    });
  });

  it('starts a new unit on government hours with no areas or problem types', () => {
    const request = toCreateUnitRequest({
      ...emptyUnitForm(),
      agencyId: unit.agencyId,
      code: 'X-1',
      type: 'ngo',
      nameTh: 'มูลนิธิ',
    });
    expect(request).toMatchObject({ agencyId: unit.agencyId, officeHours: GOVERNMENT_OFFICE_HOURS, areas: [] });
  });

  it('names the required fields left empty; the agency only for a new unit', () => {
    expect(missingUnitFields(emptyUnitForm(), { isNew: true })).toEqual(['agencyId', 'code', 'type', 'nameTh']);
    expect(missingUnitFields({ ...formFromUnit(unit), nameTh: ' ' }, { isNew: false })).toEqual(['nameTh']);
  });

  it('puts each server problem next to the field it belongs to', () => {
    expect(
      problemsByField({
        'officeHours.periods.0.closes': 'เวลาปิดต้องหลังเวลาเปิด',
        officeHours: 'second',
        areas: 'ไม่พบรหัสพื้นที่ 7099',
        'roles.unitId': 'not ours',
      }),
    ).toEqual({ officeHours: 'เวลาปิดต้องหลังเวลาเปิด', areas: 'ไม่พบรหัสพื้นที่ 7099' });
  });

  it('knows its fields by the names an import report uses for what a row changes', () => {
    expect(['code', 'officeHours', 'problemTypes'].every(isUnitFormField)).toBe(true);
    expect(isUnitFormField('version')).toBe(false);
    expect(isUnitFormField('officeHours.periods')).toBe(false);
  });
});
