import { formatBuddhistDate } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { camelCaseKey, changedFields, formatAuditValue, type ValueTexts } from './audit-diff.ts';

const UNIT_A = '4a3f0f4e-64c1-4a43-9d8e-0c7c1c9d6f10';
const UNIT_B = '9b1e2c3d-64c1-4a43-9d8e-0c7c1c9d6f11';

/** A person as the people service records them before an edit (the API shape). */
const personBefore = {
  id: 'e2f1c0de-0000-4000-8000-000000000001',
  email: 'somsri@example.org',
  titleTh: 'นางสาว',
  firstNameTh: 'สมศรี',
  lastNameTh: 'ใจงาม',
  position: 'พยาบาลวิชาชีพ',
  birthDate: '1982-03-12',
  mobile: '+66812345678',
  supervisor: null,
  unit: { id: UNIT_A, nameTh: 'ศูนย์พึ่งได้ รพ.ราชบุรี', provinceCode: '70' },
  status: 'active',
  roles: [{ role: 'unit_officer', scopeLevel: 'unit', scopeRef: UNIT_A }],
  version: 3,
};

describe('changed fields of an audit event', () => {
  it('lists only the fields whose value differs, matching table-column names to the API names', () => {
    // The edit form sends every field; the service records the columns it set.
    const after = {
      email: 'somsri@example.org',
      title_th: 'นางสาว',
      first_name_th: 'สมศรี',
      last_name_th: 'ใจดี',
      position: 'พยาบาลชำนาญการ',
      birth_date: '1982-03-12',
      mobile: '+66812345678',
      supervisor_id: null,
      unit_id: UNIT_A,
      status: 'active',
    };
    expect(changedFields(personBefore, after)).toEqual([
      { field: 'lastNameTh', before: 'ใจงาม', after: 'ใจดี' },
      { field: 'position', before: 'พยาบาลวิชาชีพ', after: 'พยาบาลชำนาญการ' },
    ]);
  });

  it('compares a reference id with the referenced object before it', () => {
    expect(changedFields(personBefore, { unit_id: UNIT_B })).toEqual([
      { field: 'unitId', before: UNIT_A, after: UNIT_B },
    ]);
    expect(changedFields(personBefore, { unitId: UNIT_A })).toEqual([]);
    expect(changedFields(personBefore, { supervisorId: UNIT_B })).toEqual([
      { field: 'supervisorId', before: null, after: UNIT_B },
    ]);
  });

  it('does not count a field that only the before state names as removed', () => {
    expect(changedFields(personBefore, { status: 'disabled' })).toEqual([
      { field: 'status', before: 'active', after: 'disabled' },
    ]);
  });

  it('treats a new field as changed from nothing, and null the same as missing', () => {
    expect(changedFields({ active: true }, { active: false, reason: 'ย้ายที่ทำการ' })).toEqual([
      { field: 'active', before: true, after: false },
      { field: 'reason', before: null, after: 'ย้ายที่ทำการ' },
    ]);
    expect(changedFields({ reason: null }, { reason: undefined })).toEqual([]);
  });

  it('compares lists and nested records by value, whatever the order of keys', () => {
    expect(changedFields({ areas: ['70', '7001'] }, { areas: ['70', '7001'] })).toEqual([]);
    expect(changedFields({ areas: ['70'] }, { areas: ['70', '7001'] })).toEqual([
      { field: 'areas', before: ['70'], after: ['70', '7001'] },
    ]);
    expect(
      changedFields(
        { officeHours: { mon: ['08:30', '16:30'], tue: null } },
        { officeHours: { tue: null, mon: ['08:30', '16:30'] } },
      ),
    ).toEqual([]);
  });

  it('shows every field given a value when a record was created, and every field it had when removed', () => {
    expect(changedFields(null, { email: 'a@example.org', position: null, roles: [], unitId: UNIT_A })).toEqual([
      { field: 'email', before: null, after: 'a@example.org' },
      { field: 'unitId', before: null, after: UNIT_A },
    ]);
    expect(changedFields({ code: 'U-1', phone: '' }, null)).toEqual([{ field: 'code', before: 'U-1', after: null }]);
  });

  it('has nothing to show for an event without states', () => {
    expect(changedFields(null, null)).toEqual([]);
    expect(changedFields(undefined, undefined)).toEqual([]);
  });

  it('spells table columns in camelCase', () => {
    expect(camelCaseKey('first_name_th')).toBe('firstNameTh');
    expect(camelCaseKey('open_24_hours')).toBe('open24Hours');
    expect(camelCaseKey('nameTh')).toBe('nameTh');
  });
});

describe('a recorded value as people read it', () => {
  const texts: ValueTexts = {
    none: '—',
    yes: 'ใช่',
    no: 'ไม่ใช่',
    date: (day) => formatBuddhistDate(`${day}T12:00:00+07:00`, 'th'),
    dateTime: (instant) => formatBuddhistDate(instant, 'th', 'dateTime'),
  };

  it('writes dates in the Buddhist era and instants in Bangkok time', () => {
    expect(formatAuditValue('1982-03-12', texts)).toBe('12 มี.ค. 2525');
    expect(formatAuditValue('2026-12-01T17:30:00.000Z', texts)).toBe('2 ธ.ค. 2569 00:30');
  });

  it('writes empty values as a dash, yes/no in words, references by name', () => {
    expect(formatAuditValue(null, texts)).toBe('—');
    expect(formatAuditValue('', texts)).toBe('—');
    expect(formatAuditValue([], texts)).toBe('—');
    expect(formatAuditValue(true, texts)).toBe('ใช่');
    expect(formatAuditValue(false, texts)).toBe('ไม่ใช่');
    expect(formatAuditValue({ id: UNIT_A, nameTh: 'ศูนย์พึ่งได้' }, texts)).toBe('ศูนย์พึ่งได้');
    expect(formatAuditValue(['70', '7001'], texts)).toBe('70, 7001');
    expect(formatAuditValue({ mon: ['08:30', '16:30'] }, texts)).toBe('{"mon":["08:30","16:30"]}');
  });
});
