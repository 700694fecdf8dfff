import { AUDIT_ENTITY_TYPES } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { actionLabel, entityName, entityTypeLabel, fieldLabel, KNOWN_AUDIT_ACTIONS } from './audit-labels.ts';

describe('audit labels', () => {
  it('name the actions the services record, in Thai and English', () => {
    for (const action of [
      'user.create',
      'user.update',
      'user.invite',
      'user.import-update',
      'user.roles.update',
      'role.update',
      'unit.move',
      'unit.areas.update',
      'agency.deactivate',
    ]) {
      expect(actionLabel(action, 'th'), action).toBeTypeOf('string');
      expect(actionLabel(action, 'en'), action).toBeTypeOf('string');
      expect(KNOWN_AUDIT_ACTIONS, action).toContain(action);
    }
    expect(actionLabel('user.create', 'th')).toBe('สร้างผู้ใช้');
    expect(actionLabel('user.create', 'en')).toBe('Created user');
  });

  it('give no name for an action nobody named yet, nor for a group of actions', () => {
    expect(actionLabel('case.escalate', 'th')).toBeNull();
    expect(actionLabel('unit.areas', 'th')).toBeNull();
    expect(actionLabel('user', 'th')).toBeNull();
    expect(actionLabel('user.create.extra', 'th')).toBeNull();
    expect(actionLabel('user.constructor', 'th')).toBeNull();
    expect(KNOWN_AUDIT_ACTIONS).not.toContain('unit.areas');
  });

  it('name every kind of record the contract lists', () => {
    for (const type of AUDIT_ENTITY_TYPES) {
      expect(entityTypeLabel(type, 'th'), type).toBeTypeOf('string');
      expect(entityTypeLabel(type, 'en'), type).toBeTypeOf('string');
    }
    expect(entityTypeLabel('user', 'th')).toBe('ผู้ใช้งาน');
    expect(entityTypeLabel('case', 'th')).toBe('เรื่อง (เคส)');
    expect(entityTypeLabel('referral', 'th')).toBeNull();
  });

  it('name fields in the reader’s language, and nothing for an unknown field', () => {
    expect(fieldLabel('firstNameTh', 'th')).toBe('ชื่อ (ภาษาไทย)');
    expect(fieldLabel('firstNameTh', 'en')).toBe('First name (Thai)');
    expect(fieldLabel('somethingNew', 'th')).toBeNull();
    expect(fieldLabel('toString', 'th')).toBeNull();
  });

  it('name the record from what the event stored', () => {
    expect(entityName({ before: null, after: { firstNameTh: 'สมศรี', lastNameTh: 'ใจงาม', email: 'x@y.z' } })).toBe(
      'สมศรี ใจงาม',
    );
    expect(entityName({ before: { nameTh: 'ศูนย์พึ่งได้' }, after: { active: false } })).toBe('ศูนย์พึ่งได้');
    expect(entityName({ before: null, after: { email: 'a@example.org', sheet: 'Sheet1' } })).toBe('a@example.org');
    // An edit that stored only some fields: the person's name from before wins over an e-mail after.
    expect(
      entityName({
        before: { firstNameTh: 'สมศรี', lastNameTh: 'ใจงาม', email: 'old@example.org' },
        after: { email: 'new@example.org', first_name_th: 'สมศรี' },
      }),
    ).toBe('สมศรี ใจงาม');
    expect(entityName({ before: null, after: null })).toBeNull();
  });
});
