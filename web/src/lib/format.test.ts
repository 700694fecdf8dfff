import type { RoleAssignment } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { hasPermission, localizedName, localizedRowName, pageRange, personName, roleWithScope } from './format.ts';

const coordinator: RoleAssignment = {
  role: 'province_coordinator',
  roleName: { th: 'ผู้ประสานงานระดับจังหวัด', en: 'Province coordinator' },
  scope: { level: 'province', ref: '70', name: { th: 'ราชบุรี', en: 'Ratchaburi' } },
};

describe('names', () => {
  it('uses the English name in English and falls back to Thai when there is none', () => {
    expect(localizedName({ th: 'นางอรุณี ทองคำ', en: 'Arunee Thongkham' }, 'en')).toBe('Arunee Thongkham');
    expect(localizedName({ th: 'นางอรุณี ทองคำ', en: 'Arunee Thongkham' }, 'th')).toBe('นางอรุณี ทองคำ');
    expect(localizedName({ th: 'นางอรุณี ทองคำ', en: null }, 'en')).toBe('นางอรุณี ทองคำ');
    expect(localizedRowName({ nameTh: 'ราชบุรี', nameEn: null }, 'en')).toBe('ราชบุรี');
    expect(personName({ name: { th: 'นายสมชาย', en: 'Somchai' } }, 'en')).toBe('Somchai');
  });
});

describe('roleWithScope', () => {
  it('joins the role and the area it covers in the chosen language', () => {
    expect(roleWithScope(coordinator, 'th')).toBe('ผู้ประสานงานระดับจังหวัด · ราชบุรี');
    expect(roleWithScope(coordinator, 'en')).toBe('Province coordinator · Ratchaburi');
  });

  it('falls back to the Thai scope name and leaves out an empty one', () => {
    const thaiOnly = { ...coordinator, scope: { ...coordinator.scope, name: { th: 'ราชบุรี', en: null } } };
    expect(roleWithScope(thaiOnly, 'en')).toBe('Province coordinator · ราชบุรี');
    const unnamed = { ...coordinator, scope: { ...coordinator.scope, name: { th: '', en: null } } };
    expect(roleWithScope(unnamed, 'th')).toBe('ผู้ประสานงานระดับจังหวัด');
  });
});

describe('pageRange', () => {
  it('numbers rows from one', () => {
    expect(pageRange(0, 25, 230)).toEqual({ from: 1, to: 25 });
    expect(pageRange(25, 25, 230)).toEqual({ from: 26, to: 50 });
  });

  it('ends at the total on the last page', () => {
    expect(pageRange(225, 5, 230)).toEqual({ from: 226, to: 230 });
  });

  it('is empty when nothing matched', () => {
    expect(pageRange(0, 0, 0)).toEqual({ from: 0, to: 0 });
  });
});

describe('hasPermission', () => {
  it('allows only the listed actions', () => {
    const user = { permissions: ['organisations.read' as const] };
    expect(hasPermission(user, 'organisations.read')).toBe(true);
    expect(hasPermission(user, 'system.config.read')).toBe(false);
  });
});
