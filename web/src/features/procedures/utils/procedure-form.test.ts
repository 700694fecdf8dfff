import type { ProcedureStep, ProcedureVersion } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import {
  blankStep,
  formProblems,
  groupProcedures,
  moveStep,
  newVersionRequest,
  procedureValues,
  wholeProblems,
} from './procedure-form.ts';

const H = 60;
const DAY = 24 * H;

const step = (code: string, completion: ProcedureStep['completion'], extra: Partial<ProcedureStep> = {}) =>
  ({
    code,
    nameTh: `ขั้นตอน ${code}`,
    nameEn: `Step ${code}`,
    responsible: 'responsible_unit',
    durationMinutes: 24 * H,
    crisisDurationMinutes: null,
    clock: '24x7',
    completion,
    requiresApproval: false,
    ...extra,
  }) satisfies ProcedureStep;

const STEPS: ProcedureStep[] = [
  step('accept_referral', 'referral_accepted'),
  step('first_contact', 'first_contact', { durationMinutes: 72 * H, crisisDurationMinutes: 24 * H }),
  step('assessment_plan', 'plan_recorded', { durationMinutes: 7 * DAY, clock: 'business' }),
  step('closure', 'closure_approved', { requiresApproval: true, responsible: 'supervisor' }),
  step('follow_up', 'follow_up_recorded', { durationMinutes: 30 * DAY }),
];

let id = 0;
const version = (
  problemTypeCode: string | null,
  number: number,
  status: ProcedureVersion['status'],
): ProcedureVersion => ({
  id: `00000000-0000-4000-8000-${String((id += 1)).padStart(12, '0')}`,
  problemTypeCode,
  version: number,
  nameTh: 'แนวทาง',
  nameEn: 'Procedure',
  status,
  steps: STEPS,
  createdAt: '2026-11-01T00:00:00Z',
  activatedAt: status === 'draft' ? null : '2026-11-01T00:00:00Z',
  cases: 0,
});

describe('groupProcedures', () => {
  it('puts the generic procedure first, then the problem types in the reference order, unknown ones last', () => {
    const groups = groupProcedures(
      [
        version('unknown_type', 1, 'active'),
        version('human_trafficking', 1, 'active'),
        version('violence', 1, 'active'),
        version(null, 1, 'active'),
      ],
      ['violence', 'human_trafficking'],
    );
    expect(groups.map((group) => group.problemTypeCode)).toEqual([
      null,
      'violence',
      'human_trafficking',
      'unknown_type',
    ]);
  });

  it('keeps the version in use apart from drafts and retired versions, the newest of those first', () => {
    const [generic] = groupProcedures(
      [version(null, 1, 'retired'), version(null, 3, 'draft'), version(null, 2, 'active')],
      [],
    );
    expect(generic?.active?.version).toBe(2);
    expect(generic?.others.map((other) => [other.version, other.status])).toEqual([
      [3, 'draft'],
      [1, 'retired'],
    ]);
  });

  it('has no version in use for a problem type with only drafts', () => {
    const [group] = groupProcedures([version('child_labour', 1, 'draft')], ['child_labour']);
    expect(group?.active).toBeNull();
    expect(group?.others).toHaveLength(1);
  });
});

describe('the procedure editor', () => {
  it('starts from a copy of the version in use and sends the same steps back unchanged', () => {
    const values = procedureValues({ nameTh: 'แนวทางทั่วไป', nameEn: 'Generic', steps: STEPS });
    expect(values.steps[1]).toMatchObject({
      durationAmount: '3',
      durationUnit: 'days',
      hasCrisis: true,
      crisisAmount: '24',
      crisisUnit: 'hours',
    });
    expect(formProblems(values)).toEqual({});
    expect(wholeProblems(values)).toEqual([]);
    expect(newVersionRequest(values, null, false)).toEqual({
      problemTypeCode: null,
      nameTh: 'แนวทางทั่วไป',
      nameEn: 'Generic',
      steps: STEPS,
      activate: false,
    });
  });

  it('moves steps one place, and not past either end', () => {
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveStep(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveStep(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('reports the contract’s order rules in Thai at the step they concern', () => {
    const values = procedureValues({ nameTh: 'แนวทาง', nameEn: 'Procedure', steps: STEPS });
    // The closure moved above the plan: the plan now comes after closure.
    const moved = { ...values, steps: moveStep(values.steps, 3, -1) };
    expect(wholeProblems(moved)).toEqual([
      expect.objectContaining({
        path: 'steps.3.completion',
        code: 'after_closure',
        th: 'หลังยุติการให้บริการมีได้เฉพาะการติดตามผล',
      }),
    ]);
  });

  it('catches field problems: empty names, a bad code, a time frame that is not a number', () => {
    const values = procedureValues({ nameTh: ' ', nameEn: 'Procedure', steps: STEPS });
    values.steps[0] = { ...values.steps[0]!, code: 'Accept-Referral', durationAmount: 'สองวัน' };
    values.steps[1] = { ...values.steps[1]!, nameEn: '', crisisAmount: '0' };
    expect(formProblems(values)).toEqual({
      nameTh: 'required',
      'steps.0.code': 'code',
      'steps.0.durationMinutes': 'duration',
      'steps.1.nameEn': 'required',
      'steps.1.crisisDurationMinutes': 'duration',
    });
  });

  it('adds a blank step with a code not used yet', () => {
    const values = procedureValues({ nameTh: 'แนวทาง', nameEn: 'Procedure', steps: STEPS });
    const first = blankStep(values.steps, 'ขั้นตอนใหม่', 'New step');
    expect(first.code).toBe('step_6');
    expect(blankStep([...values.steps, first], 'ขั้นตอนใหม่', 'New step').code).toBe('step_7');
    expect(formProblems({ ...values, steps: [...values.steps, first] })).toEqual({});
  });
});
