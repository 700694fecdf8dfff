import { describe, expect, it } from 'vitest';
import { CASE_STATES, canTransition, procedureProblems, publicStageOf, type ProcedureStep } from './procedures.ts';

/**
 * The case state machine as a table: every pair of states, allowed or not.
 * The allowed pairs are written out here on their own, so a change to the
 * machine must be made twice — on purpose.
 */
const ALLOWED = new Set([
  'triage→new',
  'triage→referred',
  'triage→merged',
  'new→triage',
  'new→referred',
  'new→merged',
  'referred→in_progress',
  'referred→triage',
  'referred→merged',
  'in_progress→pending_closure',
  'in_progress→closed',
  'pending_closure→closed',
  'pending_closure→in_progress',
  'closed→reopened',
  'reopened→referred',
  'reopened→in_progress',
  'reopened→pending_closure',
  'reopened→closed',
]);

describe('the case state machine', () => {
  const pairs = CASE_STATES.flatMap((from) => CASE_STATES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}→${to}`));
  });

  it('lets nothing leave a merged case, and a closed case only by reopening', () => {
    expect(CASE_STATES.filter((to) => canTransition('merged', to))).toEqual([]);
    expect(CASE_STATES.filter((to) => canTransition('closed', to))).toEqual(['reopened']);
  });
});

describe('the public stage of a case', () => {
  it('says only received, in progress or closed', () => {
    const states = CASE_STATES.filter((state) => state !== 'merged');
    expect(Object.fromEntries(states.map((state) => [state, publicStageOf(state)]))).toEqual({
      triage: 'received',
      new: 'received',
      referred: 'in_progress',
      in_progress: 'in_progress',
      pending_closure: 'in_progress',
      closed: 'closed',
      reopened: 'in_progress',
    });
  });
});

const step = (overrides: Partial<ProcedureStep>): ProcedureStep => ({
  code: 'accept',
  nameTh: 'รับเรื่อง',
  nameEn: 'Accept',
  responsible: 'responsible_unit',
  durationMinutes: 1440,
  crisisDurationMinutes: null,
  clock: '24x7',
  completion: 'referral_accepted',
  requiresApproval: false,
  ...overrides,
});

describe('a procedure is checked as a whole before it is saved', () => {
  const good = [
    step({}),
    step({ code: 'first_contact', completion: 'first_contact', durationMinutes: 4320, crisisDurationMinutes: 1440 }),
    step({ code: 'close', completion: 'closure_approved', requiresApproval: true, responsible: 'supervisor' }),
    step({ code: 'follow_up', completion: 'follow_up_recorded', durationMinutes: 43200 }),
  ];

  it('accepts a sound procedure', () => {
    expect(procedureProblems(good)).toEqual([]);
  });

  it('names each problem with the path of its field', () => {
    const codes = (steps: ProcedureStep[]) => procedureProblems(steps).map((p) => `${p.path}:${p.code}`);
    expect(codes([good[1]!, good[0]!, good[2]!])).toEqual(['steps.0.completion:accept_first']);
    expect(codes([good[0]!, good[0]!, good[2]!])).toEqual(['steps.1.code:duplicate_step']);
    expect(codes([good[0]!, good[1]!])).toEqual(['steps:closure_missing']);
    expect(codes([good[0]!, good[2]!, good[1]!])).toEqual(['steps.2.completion:after_closure']);
    expect(codes([good[0]!, step({ code: 'x', crisisDurationMinutes: 9999 }), good[2]!])).toEqual([
      'steps.1.crisisDurationMinutes:crisis_longer',
    ]);
    expect(codes([good[0]!, step({ code: 'x', completion: 'task_done', requiresApproval: true }), good[2]!])).toEqual([
      'steps.1.requiresApproval:approval_only_on_closure',
    ]);
  });
});
