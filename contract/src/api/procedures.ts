import { z } from 'zod';

/**
 * Where a case stands — an explicit state machine. `triage`: no unit could be
 * found (the central queue); `new`: received and routed, not yet screened;
 * `referred`: sent to a unit that has not accepted yet; `in_progress`: a unit
 * works it; `pending_closure`: closure asked, waiting for the supervisor's
 * approval; `closed` (with its follow-up); `reopened`; `merged` into another
 * case (a duplicate — it stays, read-only).
 */
export const CASE_STATES = [
  'triage',
  'new',
  'referred',
  'in_progress',
  'pending_closure',
  'closed',
  'reopened',
  'merged',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Every transition allowed, and nothing else: a transition not listed is refused with a clear error. */
export const CASE_TRANSITIONS: Readonly<Record<CaseState, readonly CaseState[]>> = {
  triage: ['new', 'referred', 'merged'],
  new: ['triage', 'referred', 'merged'],
  // Declined or revoked everywhere: back to the central queue; accepted: in progress.
  referred: ['in_progress', 'triage', 'merged'],
  in_progress: ['pending_closure', 'closed'],
  pending_closure: ['closed', 'in_progress'],
  closed: ['reopened'],
  // A reopened case is worked again by its lead unit, and closed again the same way.
  reopened: ['referred', 'in_progress', 'pending_closure', 'closed'],
  merged: [],
};

export function canTransition(from: CaseState, to: CaseState): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

/**
 * What the public status page says of a case's state — nothing finer, so it
 * reveals no detail of the work: received (not yet with a unit that took it),
 * in progress, or closed. A merged case shows the state of the one it joined.
 */
export function publicStageOf(state: Exclude<CaseState, 'merged'>): 'received' | 'in_progress' | 'closed' {
  if (state === 'triage' || state === 'new') return 'received';
  return state === 'closed' ? 'closed' : 'in_progress';
}

/** The states in which the case is still being worked (its deadlines run). */
export const OPEN_CASE_STATES: readonly CaseState[] = [
  'triage',
  'new',
  'referred',
  'in_progress',
  'pending_closure',
  'reopened',
];

/** What the clock of a time frame counts: every minute, or the unit's business hours without public holidays. */
export const STEP_CLOCKS = ['24x7', 'business'] as const;

/** Who answers for a step. */
export const STEP_RESPONSIBLES = ['responsible_unit', 'lead_agency', 'multidisciplinary_team', 'supervisor'] as const;

/** What completes a step: an event in the case, or a task someone marks done. */
export const STEP_COMPLETIONS = [
  'referral_accepted',
  'first_contact',
  'screening_done',
  'plan_recorded',
  'service_recorded',
  'closure_approved',
  'follow_up_recorded',
  'task_done',
] as const;

const code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _');

export const ProcedureStep = z
  .object({
    code,
    nameTh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    responsible: z.enum(STEP_RESPONSIBLES),
    /** The time frame, in minutes on its clock. */
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(366 * 24 * 60),
    /** A shorter time frame for crisis cases (e.g. first contact 24 h instead of 72 h). */
    crisisDurationMinutes: z
      .number()
      .int()
      .min(1)
      .max(366 * 24 * 60)
      .nullable(),
    clock: z.enum(STEP_CLOCKS),
    completion: z.enum(STEP_COMPLETIONS),
    /** For the closure step: a supervisor must approve. */
    requiresApproval: z.boolean(),
  })
  .meta({ id: 'ProcedureStep' });
export type ProcedureStep = z.infer<typeof ProcedureStep>;

export const ProcedureVersion = z
  .object({
    id: z.uuid(),
    /** Null for the generic procedure that serves every problem without its own. */
    problemTypeCode: z.string().nullable(),
    version: z.number().int(),
    nameTh: z.string(),
    nameEn: z.string(),
    status: z.enum(['draft', 'active', 'retired']),
    steps: z.array(ProcedureStep),
    createdAt: z.string(),
    activatedAt: z.string().nullable(),
    /** Cases that keep this version. */
    cases: z.number().int(),
  })
  .meta({ id: 'ProcedureVersion' });
export type ProcedureVersion = z.infer<typeof ProcedureVersion>;

/** A new version: checked as a whole before it is saved (see `procedureProblems`). */
export const NewProcedureVersionRequest = z
  .object({
    problemTypeCode: z.string().max(40).nullable(),
    nameTh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    steps: z.array(ProcedureStep).min(1).max(30),
    /** Make it the version new cases start with at once (else it stays a draft). */
    activate: z.boolean().default(false),
  })
  .meta({ id: 'NewProcedureVersionRequest' });
export type NewProcedureVersionRequest = z.infer<typeof NewProcedureVersionRequest>;

export interface ProcedureProblem {
  path: string;
  code: string;
  th: string;
  en: string;
}

/**
 * What is wrong with a procedure as a whole — the rules an editor checks
 * before saving, shared by the server and the web form: unique step codes;
 * accepting the referral first; a closure step, after which only the
 * follow-up may come; a crisis time frame no longer than the normal one.
 */
export function procedureProblems(steps: readonly ProcedureStep[]): ProcedureProblem[] {
  const problems: ProcedureProblem[] = [];
  const seen = new Set<string>();
  steps.forEach((step, index) => {
    if (seen.has(step.code))
      problems.push({
        path: `steps.${index}.code`,
        code: 'duplicate_step',
        th: `รหัสขั้นตอน ${step.code} ซ้ำ`,
        en: `The step code ${step.code} appears twice`,
      });
    seen.add(step.code);
    if (step.crisisDurationMinutes !== null && step.crisisDurationMinutes > step.durationMinutes)
      problems.push({
        path: `steps.${index}.crisisDurationMinutes`,
        code: 'crisis_longer',
        th: 'ระยะเวลาสำหรับเหตุวิกฤตต้องไม่นานกว่าระยะเวลาปกติ',
        en: 'The crisis time frame must not be longer than the normal one',
      });
    if (step.requiresApproval && step.completion !== 'closure_approved')
      problems.push({
        path: `steps.${index}.requiresApproval`,
        code: 'approval_only_on_closure',
        th: 'การอนุมัติโดยหัวหน้าใช้ได้กับขั้นตอนยุติการให้บริการเท่านั้น',
        en: 'Supervisor approval belongs to the closure step only',
      });
  });
  if (steps.length && steps[0]!.completion !== 'referral_accepted')
    problems.push({
      path: 'steps.0.completion',
      code: 'accept_first',
      th: 'ขั้นตอนแรกต้องเป็นการรับเรื่องส่งต่อ',
      en: 'The first step must be accepting the referral',
    });
  const closure = steps.findIndex((step) => step.completion === 'closure_approved');
  if (closure === -1)
    problems.push({
      path: 'steps',
      code: 'closure_missing',
      th: 'ต้องมีขั้นตอนยุติการให้บริการ',
      en: 'A procedure needs a closure step',
    });
  else
    steps.slice(closure + 1).forEach((step, offset) => {
      if (step.completion !== 'follow_up_recorded')
        problems.push({
          path: `steps.${closure + 1 + offset}.completion`,
          code: 'after_closure',
          th: 'หลังยุติการให้บริการมีได้เฉพาะการติดตามผล',
          en: 'Only the follow-up may come after closure',
        });
    });
  return problems;
}

/** Where a referral stands: sent and waiting for an answer, accepted, declined, passed on, or withdrawn. */
export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'transferred', 'revoked'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const Referral = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    crisis: z.boolean(),
    unit: z.object({ id: z.uuid(), nameTh: z.string(), nameEn: z.string().nullable() }),
    /** `lead`: the unit that answers for the case; `team`: another unit of the multidisciplinary team. */
    kind: z.enum(['lead', 'team']),
    status: z.enum(REFERRAL_STATUSES),
    note: z.string().nullable(),
    sentAt: z.string(),
    /** When the unit must answer (the procedure's acceptance time frame, on its clock). */
    dueAt: z.string(),
    sentBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
    respondedAt: z.string().nullable(),
    responseReason: z.string().nullable(),
    parentReferralId: z.uuid().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Referral' });
export type Referral = z.infer<typeof Referral>;

export const SendReferralRequest = z
  .object({
    unitId: z.uuid(),
    kind: z.enum(['lead', 'team']).default('lead'),
    note: z.string().trim().max(2_000).optional(),
  })
  .meta({ id: 'SendReferralRequest' });
export type SendReferralRequest = z.infer<typeof SendReferralRequest>;

export const AnswerReferralRequest = z
  .object({ version: z.number().int(), reason: z.string().trim().min(1).max(1_000).optional() })
  .meta({ id: 'AnswerReferralRequest' });
export type AnswerReferralRequest = z.infer<typeof AnswerReferralRequest>;

export const TransferReferralRequest = z
  .object({ version: z.number().int(), toUnitId: z.uuid(), reason: z.string().trim().min(1).max(1_000) })
  .meta({ id: 'TransferReferralRequest' });
export type TransferReferralRequest = z.infer<typeof TransferReferralRequest>;

/** A unit's referral inbox (no schema id: query parameters). */
export const ReferralInboxQuery = z.object({
  unitId: z.uuid().optional(),
  status: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ReferralInboxQuery = z.infer<typeof ReferralInboxQuery>;

export const ReferralPage = z
  .object({ items: z.array(Referral), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'ReferralPage' });
export type ReferralPage = z.infer<typeof ReferralPage>;
