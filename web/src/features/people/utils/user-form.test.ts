import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROLE_FORM,
  EMPTY_USER_FORM,
  formatThaiMobile,
  isoToBuddhistDate,
  missingFields,
  roleScopeLevel,
  toRoleInput,
  toUserFields,
} from './user-form.ts';

const UNIT = '4a3f0f4e-64c1-4a43-9d8e-0c7c1c9d6f10';

describe('user form', () => {
  it('writes a stored birth date in the Buddhist era, day first', () => {
    expect(isoToBuddhistDate('1982-03-12')).toBe('12/03/2525');
  });

  it('writes a stored mobile the way Thai people do', () => {
    expect(formatThaiMobile('+66812345678')).toBe('081-234-5678');
    expect(formatThaiMobile('something else')).toBe('something else');
  });

  it('sends empty optional fields as null and trims the rest', () => {
    const fields = toUserFields({ ...EMPTY_USER_FORM, firstNameTh: ' สมชาย ', lastNameTh: 'ใจดี', email: 'a@b.th ' });
    expect(fields).toMatchObject({ firstNameTh: 'สมชาย', email: 'a@b.th', mobile: null, gender: null, titleTh: null });
  });

  it('sends the chosen supervisor, and null when the choice was cleared', () => {
    expect(toUserFields({ ...EMPTY_USER_FORM, supervisorId: UNIT }).supervisorId).toBe(UNIT);
    expect(toUserFields({ ...EMPTY_USER_FORM, supervisorId: '' }).supervisorId).toBeNull();
  });

  it('binds each role to the scope level the contract gives it', () => {
    expect(roleScopeLevel('unit_head')).toBe('unit');
    expect(roleScopeLevel('province_coordinator')).toBe('province');
    expect(roleScopeLevel('ministry_executive')).toBe('ministry');
    expect(roleScopeLevel('central_admin')).toBe('nation');
    expect(toRoleInput({ ...EMPTY_ROLE_FORM, role: 'unit_officer' }, UNIT)).toEqual({
      role: 'unit_officer',
      scopeLevel: 'unit',
      unitId: UNIT,
    });
    expect(toRoleInput({ ...EMPTY_ROLE_FORM, role: 'province_coordinator', provinceCode: '70' }, UNIT)).toEqual({
      role: 'province_coordinator',
      scopeLevel: 'province',
      provinceCode: '70',
    });
    expect(toRoleInput({ ...EMPTY_ROLE_FORM, role: 'central_admin' }, UNIT)).toEqual({
      role: 'central_admin',
      scopeLevel: 'nation',
    });
    expect(toRoleInput(EMPTY_ROLE_FORM, UNIT)).toBeNull();
  });

  it('asks for the names, e-mail, unit and the scope of a province or ministry role', () => {
    expect(missingFields(EMPTY_USER_FORM)).toEqual(['firstNameTh', 'lastNameTh', 'email', 'unitId']);
    expect(
      missingFields(
        { ...EMPTY_USER_FORM, firstNameTh: 'ก', lastNameTh: 'ข', email: 'a@b.th', unitId: UNIT },
        { ...EMPTY_ROLE_FORM, role: 'province_coordinator' },
      ),
    ).toEqual(['roles.provinceCode']);
  });
});
