import type { UserDetail } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api.ts';
import {
  draftProblems,
  draftsFromUser,
  isSameAsCurrent,
  levelOf,
  newDraft,
  requiredScopeField,
  roleLevels,
  rolesSaveProblem,
  toRoleInputs,
  withRole,
} from './role-assignments.ts';

const OWN_UNIT = '4a3f0f4e-64c1-4a43-9d8e-0c7c1c9d6f10';
const OTHER_UNIT = '7b1e2c3d-64c1-4a43-9d8e-0c7c1c9d6f11';
const MINISTRY = '9c2d3e4f-64c1-4a43-9d8e-0c7c1c9d6f12';

const officer: Pick<UserDetail, 'roles' | 'unit'> = {
  unit: { id: OWN_UNIT, nameTh: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี', provinceCode: '70' },
  roles: [
    { role: 'unit_officer', scopeLevel: 'unit', scopeRef: OWN_UNIT, scopeNameTh: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี' },
    { role: 'province_coordinator', scopeLevel: 'province', scopeRef: '70', scopeNameTh: 'ราชบุรี' },
  ],
};

const levels = roleLevels(undefined);

describe('the role editor', () => {
  it('takes each role’s level from the server’s roles, the contract’s until they arrive', () => {
    expect(levels.unit_head).toBe('unit');
    expect(levels.province_coordinator).toBe('province');
    expect(levels.ministry_executive).toBe('ministry');
    expect(levels.central_admin).toBe('nation');
    const fromServer = roleLevels([{ code: 'social_worker', scopeLevel: 'unit' }]);
    expect(fromServer.social_worker).toBe('unit');
    expect(levelOf({ role: 'social_worker' }, fromServer)).toBe('unit');
    expect(levelOf({ role: '' }, fromServer)).toBeNull();
  });

  it('asks for the scope the level needs, and none for the nation', () => {
    expect(requiredScopeField('unit')).toBe('unitId');
    expect(requiredScopeField('province')).toBe('provinceCode');
    expect(requiredScopeField('ministry')).toBe('agencyId');
    expect(requiredScopeField('nation')).toBeNull();
    expect(requiredScopeField(null)).toBeNull();
  });

  it('starts from the person’s roles, each unit role with its unit’s name for the picker', () => {
    const drafts = draftsFromUser(officer);
    expect(drafts).toEqual([
      expect.objectContaining({ role: 'unit_officer', unitId: OWN_UNIT, unitName: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี' }),
      expect.objectContaining({ role: 'province_coordinator', provinceCode: '70', unitId: '' }),
    ]);
    expect(isSameAsCurrent(drafts, officer, levels)).toBe(true);
    const other = draftsFromUser({
      roles: [{ role: 'unit_head', scopeLevel: 'unit', scopeRef: OTHER_UNIT, scopeNameTh: 'สถานีตำรวจภูธรเมืองราชบุรี' }],
    });
    expect(other[0]).toMatchObject({ unitId: OTHER_UNIT, unitName: 'สถานีตำรวจภูธรเมืองราชบุรี' });
  });

  it('keeps the unit when one unit role becomes another, and sends the new role at the same unit', () => {
    const [first, second] = draftsFromUser(officer);
    const promoted = withRole(first!, 'unit_head', levels, officer);
    expect(promoted).toMatchObject({ role: 'unit_head', unitId: OWN_UNIT });
    expect(toRoleInputs([promoted, second!], levels)).toEqual([
      { role: 'unit_head', scopeLevel: 'unit', unitId: OWN_UNIT },
      { role: 'province_coordinator', scopeLevel: 'province', provinceCode: '70' },
    ]);
    expect(isSameAsCurrent([promoted, second!], officer, levels)).toBe(false);
    // Order does not matter for "unchanged".
    expect(isSameAsCurrent([second!, first!], officer, levels)).toBe(true);
  });

  it('binds a new unit role to the person’s own unit and a nation role to nothing', () => {
    const draft = withRole(newDraft('n1', officer), 'unit_officer', levels, officer);
    expect(toRoleInputs([draft], levels)).toEqual([{ role: 'unit_officer', scopeLevel: 'unit', unitId: OWN_UNIT }]);
    const admin = withRole(newDraft('n2', officer), 'central_admin', levels, officer);
    expect(toRoleInputs([admin], levels)).toEqual([{ role: 'central_admin', scopeLevel: 'nation' }]);
    const ministry = {
      ...withRole(newDraft('n3', officer), 'ministry_executive', levels, officer),
      agencyId: MINISTRY,
    };
    expect(toRoleInputs([ministry], levels)).toEqual([
      { role: 'ministry_executive', scopeLevel: 'ministry', agencyId: MINISTRY },
    ]);
  });

  it('points out a row without a role, a scope left empty and a repeated row', () => {
    const empty = newDraft('a', officer);
    const province = withRole(newDraft('b', officer), 'province_coordinator', levels, officer);
    const ministry = withRole(newDraft('c', officer), 'ministry_executive', levels, officer);
    const once = withRole(newDraft('d', officer), 'unit_head', levels, officer);
    const twice = withRole(newDraft('e', officer), 'unit_head', levels, officer);
    const nation = withRole(newDraft('f', officer), 'call_taker', levels, officer);
    const problems = draftProblems([empty, province, ministry, once, twice, nation], levels);
    expect(Object.fromEntries(problems)).toEqual({
      a: 'roleRequired',
      b: 'scopeRequired',
      c: 'scopeRequired',
      e: 'duplicate',
    });
    expect(draftProblems([{ ...province, provinceCode: '70' }, once, nation], levels).size).toBe(0);
    // A person without a unit has no unit to start a unit role at.
    const noUnit = withRole(newDraft('g', { unit: null }), 'unit_officer', levels, { unit: null });
    expect(draftProblems([noUnit], levels).get('g')).toBe('scopeRequired');
  });
});

describe('what the server answered', () => {
  const error = (status: number, code: string, fieldCode?: string) =>
    new ApiError({
      status,
      code,
      messages: { th: 'x', en: 'x' },
      fields: fieldCode ? [{ path: 'body.roles', code: fieldCode, message: 'x' }] : [],
    });

  it('tells apart the answers the editor explains in its own words', () => {
    expect(rolesSaveProblem(null)).toBeNull();
    expect(rolesSaveProblem(error(403, 'FORBIDDEN'))).toBe('forbidden');
    expect(rolesSaveProblem(error(400, 'VALIDATION_FAILED', 'last_admin'))).toBe('lastAdmin');
    expect(rolesSaveProblem(error(400, 'VALIDATION_FAILED', 'scope_level'))).toBe('scopeLevel');
    expect(rolesSaveProblem(error(409, 'CONFLICT'))).toBe('conflict');
    expect(rolesSaveProblem(error(400, 'VALIDATION_FAILED'))).toBe('other');
    expect(rolesSaveProblem(new Error('network'))).toBe('other');
  });
});
