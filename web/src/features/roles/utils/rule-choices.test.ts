import { ACTIONS, DEFAULT_ROLES, type ConditionSet, type PermissionRule } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en.ts';
import { th } from '../../../i18n/th.ts';
import {
  choiceOfConditions,
  choicesFromRules,
  conditionsOfChoice,
  describeConditions,
  RULE_CHOICES,
  ruleChanges,
  ruleMatrix,
  rulesFromChoices,
  type ConditionWords,
} from './rule-choices.ts';

const THAI: ConditionWords = { condition: th.roles.condition, or: th.roles.or, and: th.roles.and, none: th.roles.none };
const ENGLISH: ConditionWords = {
  condition: en.roles.condition,
  or: en.roles.or,
  and: en.roles.and,
  none: en.roles.none,
};

const role = (code: string) => DEFAULT_ROLES.find((candidate) => candidate.code === code)!;

describe('rule choices', () => {
  it('recognises each common condition set, whatever the order it was stored in', () => {
    expect(choiceOfConditions([['everywhere']])).toBe('everywhere');
    expect(choiceOfConditions([['in_scope']])).toBe('in_scope');
    expect(choiceOfConditions([['in_scope'], ['self']])).toBe('in_scope_or_self');
    expect(choiceOfConditions([['self'], ['in_scope']])).toBe('in_scope_or_self');
    expect(choiceOfConditions([['in_scope', 'own_unit']])).toBe('in_scope_and_own_unit');
    expect(choiceOfConditions([['own_unit', 'in_scope']])).toBe('in_scope_and_own_unit');
    expect(choiceOfConditions([['self']])).toBe('self');
  });

  it('reads a missing rule as not allowed and an unusual one as custom', () => {
    expect(choiceOfConditions(null)).toBe('none');
    expect(choiceOfConditions([])).toBe('none');
    expect(choiceOfConditions([['own_unit']])).toBe('custom');
    expect(choiceOfConditions([['in_scope', 'own_unit'], ['self']])).toBe('custom');
  });

  it('maps every choice to conditions and back to itself', () => {
    for (const choice of RULE_CHOICES) {
      const conditions = conditionsOfChoice(choice);
      expect(choiceOfConditions(conditions), choice).toBe(choice);
    }
    expect(conditionsOfChoice('none')).toBeNull();
    expect(conditionsOfChoice('custom')).toBeNull();
  });

  it('gives back the same rules when nothing was changed', () => {
    for (const definition of DEFAULT_ROLES) {
      const rules = rulesFromChoices(definition.rules, choicesFromRules(definition.rules));
      expect(ruleChanges(definition.rules, rules), definition.code).toEqual([]);
      expect(rules.map((rule) => rule.action)).toEqual(ACTIONS.filter((a) => rules.some((r) => r.action === a)));
    }
  });

  it('sends the chosen set, leaves out "not allowed" and keeps a custom rule as stored', () => {
    const current: PermissionRule[] = [
      { action: 'organisations.read', conditions: [['everywhere']] },
      { action: 'users.read', conditions: [['self']] },
      { action: 'audit.read', conditions: [['own_unit']] },
    ];
    const choices = choicesFromRules(current);
    expect(choices['audit.read']).toBe('custom');
    expect(choices['users.manage']).toBe('none');
    const rules = rulesFromChoices(current, {
      ...choices,
      'users.read': 'in_scope_or_self',
      'organisations.read': 'none',
    });
    expect(rules).toEqual([
      { action: 'users.read', conditions: [['in_scope'], ['self']] },
      { action: 'audit.read', conditions: [['own_unit']] },
    ]);
    expect(ruleChanges(current, rules)).toEqual([
      { action: 'organisations.read', before: [['everywhere']], after: null },
      { action: 'users.read', before: [['self']], after: [['in_scope'], ['self']] },
    ]);
  });
});

describe('rules in words', () => {
  it('says each condition in Thai, alternatives with หรือ and combined conditions with และ', () => {
    expect(describeConditions([['everywhere']], THAI)).toBe('ทุกที่');
    expect(describeConditions([['in_scope']], THAI)).toBe('ในขอบเขต');
    expect(describeConditions([['own_unit']], THAI)).toBe('หน่วยงานของตน');
    expect(describeConditions([['self']], THAI)).toBe('ตนเอง');
    expect(describeConditions([['in_scope'], ['self']], THAI)).toBe('ในขอบเขต หรือ ตนเอง');
    expect(describeConditions([['in_scope', 'own_unit']], THAI)).toBe('ในขอบเขต และ หน่วยงานของตน');
  });

  it('brackets a combination among alternatives so it reads one way only', () => {
    const conditions: ConditionSet = [['in_scope', 'own_unit'], ['self']];
    expect(describeConditions(conditions, THAI)).toBe('(ในขอบเขต และ หน่วยงานของตน) หรือ ตนเอง');
    expect(describeConditions(conditions, ENGLISH)).toBe('(in scope and own unit) or self');
  });

  it('shows a dash where a role may not do something', () => {
    expect(describeConditions(null, THAI)).toBe('—');
    expect(describeConditions([], THAI)).toBe('—');
  });

  it('has a Thai and an English label for every action and condition of the contract', () => {
    for (const action of ACTIONS) {
      const path = action.split('.');
      for (const dictionary of [th.roles.action, en.roles.action]) {
        const label = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], dictionary);
        expect(typeof label, action).toBe('string');
      }
    }
    expect(th.roles.action.users.read).toBe('ดูข้อมูลผู้ใช้');
    expect(th.roles.action.roles.manage).toBe('จัดการบทบาทและสิทธิ์');
  });
});

describe('the permission matrix', () => {
  it('has a row for every action and a cell for every role, empty where the role has no rule', () => {
    const roles = [role('call_taker'), role('unit_head')];
    const matrix = ruleMatrix(roles);
    expect(matrix.map((row) => row.action)).toEqual([...ACTIONS]);
    const usersRead = matrix.find((row) => row.action === 'users.read')!;
    expect(usersRead.cells).toEqual([
      { role: 'call_taker', conditions: [['self']] },
      { role: 'unit_head', conditions: [['in_scope'], ['self']] },
    ]);
    const manage = matrix.find((row) => row.action === 'organisations.manage')!;
    expect(manage.cells.map((cell) => describeConditions(cell.conditions, THAI))).toEqual([
      '—',
      'ในขอบเขต และ หน่วยงานของตน',
    ]);
  });
});
