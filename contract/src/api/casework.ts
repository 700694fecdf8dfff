import { z } from 'zod';
import { CASE_STATES, STEP_COMPLETIONS, STEP_RESPONSIBLES } from './procedures.ts';

/**
 * Working a case (issue 5): the procedure's steps as they run on one case,
 * notes, services given, the case plan, tasks of each unit of the team,
 * closure with the supervisor's approval, the follow-up and reopening — and
 * one timeline of all of it. "My work" gathers what a person must do next.
 */

const UnitRef = z.object({ id: z.uuid(), nameTh: z.string(), nameEn: z.string().nullable() });
const UserRef = z.object({ id: z.uuid(), displayName: z.string() });
const text = (max: number) => z.string().trim().min(1).max(max);
/** A calendar date (ค.ศ. in the API; the web shows พ.ศ.). */
const isoDate = z.iso.date();

/** Where a step of the case's procedure stands: not reached yet, running (with its deadline), done. */
export const CASE_STEP_STATUSES = ['pending', 'open', 'done'] as const;

export const CaseStepProgress = z
  .object({
    position: z.number().int(),
    code: z.string(),
    nameTh: z.string(),
    nameEn: z.string(),
    responsible: z.enum(STEP_RESPONSIBLES),
    completion: z.enum(STEP_COMPLETIONS),
    requiresApproval: z.boolean(),
    status: z.enum(CASE_STEP_STATUSES),
    openedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    doneBy: UserRef.nullable(),
    /** Done after its deadline. */
    late: z.boolean(),
  })
  .meta({ id: 'CaseStepProgress' });
export type CaseStepProgress = z.infer<typeof CaseStepProgress>;

/** A note: an ordinary note, a contact with the person (the first one completes "first contact"), or the multidisciplinary team's screening. */
export const NOTE_KINDS = ['note', 'contact', 'mdt_screening'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const CONTACT_METHODS = ['phone', 'home_visit', 'office', 'online', 'other'] as const;

export const CaseNote = z
  .object({
    id: z.uuid(),
    kind: z.enum(NOTE_KINDS),
    body: z.string(),
    contactMethod: z.enum(CONTACT_METHODS).nullable(),
    unit: UnitRef.nullable(),
    author: UserRef.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CaseNote' });
export type CaseNote = z.infer<typeof CaseNote>;

export const NewCaseNoteRequest = z
  .object({
    kind: z.enum(NOTE_KINDS).default('note'),
    body: text(10_000),
    /** For a contact with the person: how it was made. */
    contactMethod: z.enum(CONTACT_METHODS).optional(),
  })
  .meta({ id: 'NewCaseNoteRequest' });
export type NewCaseNoteRequest = z.infer<typeof NewCaseNoteRequest>;

/** The kinds of help a case may get — the services the documents' agencies give. */
export const SERVICE_TYPES = [
  'shelter',
  'medical',
  'psychosocial',
  'legal_aid',
  'police_protection',
  'financial_aid',
  'education',
  'employment',
  'repatriation',
  'family_reunification',
  'child_protection',
  'other',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_TYPE_NAMES: Readonly<Record<ServiceType, { th: string; en: string }>> = {
  shelter: { th: 'ที่พักพิงชั่วคราว', en: 'Temporary shelter' },
  medical: { th: 'การรักษาพยาบาล', en: 'Medical care' },
  psychosocial: { th: 'ฟื้นฟูจิตใจและให้คำปรึกษา', en: 'Counselling and psychosocial care' },
  legal_aid: { th: 'ความช่วยเหลือทางกฎหมาย', en: 'Legal aid' },
  police_protection: { th: 'การคุ้มครองโดยเจ้าหน้าที่ตำรวจ', en: 'Police protection' },
  financial_aid: { th: 'เงินสงเคราะห์', en: 'Financial aid' },
  education: { th: 'การศึกษา', en: 'Education' },
  employment: { th: 'ฝึกอาชีพและจัดหางาน', en: 'Vocational training and employment' },
  repatriation: { th: 'ส่งกลับภูมิลำเนาหรือประเทศต้นทาง', en: 'Repatriation' },
  family_reunification: { th: 'คืนสู่ครอบครัว', en: 'Family reunification' },
  child_protection: { th: 'การคุ้มครองเด็ก', en: 'Child protection' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};

export const CaseService = z
  .object({
    id: z.uuid(),
    serviceType: z.enum(SERVICE_TYPES),
    /** The unit that gave it, when it is one of ours; else the provider's name. */
    provider: UnitRef.nullable(),
    providerName: z.string().nullable(),
    providedOn: isoDate,
    note: z.string().nullable(),
    recordedBy: UserRef.nullable(),
    recordedAt: z.string(),
  })
  .meta({ id: 'CaseService' });
export type CaseService = z.infer<typeof CaseService>;

export const NewCaseServiceRequest = z
  .object({
    serviceType: z.enum(SERVICE_TYPES),
    providerUnitId: z.uuid().optional(),
    providerName: text(300).optional(),
    providedOn: isoDate,
    note: text(5_000).optional(),
  })
  .refine((value) => !!value.providerUnitId !== !!value.providerName, {
    message: 'ระบุหน่วยงานผู้ให้บริการหรือชื่อผู้ให้บริการอย่างใดอย่างหนึ่ง / Give the providing unit or the provider’s name',
    path: ['providerUnitId'],
  })
  .meta({ id: 'NewCaseServiceRequest' });
export type NewCaseServiceRequest = z.infer<typeof NewCaseServiceRequest>;

/** The case plan: the assessment and the goals; every save is a new revision, based on the one its writer saw. */
export const CasePlan = z
  .object({
    revision: z.number().int(),
    assessment: z.string(),
    goals: z.string(),
    unit: UnitRef.nullable(),
    recordedBy: UserRef.nullable(),
    recordedAt: z.string(),
  })
  .meta({ id: 'CasePlan' });
export type CasePlan = z.infer<typeof CasePlan>;

export const SaveCasePlanRequest = z
  .object({
    /** The revision the writer started from (0 for the first plan): a newer one is a conflict, not an overwrite. */
    baseRevision: z.number().int().min(0),
    assessment: text(10_000),
    goals: text(10_000),
  })
  .meta({ id: 'SaveCasePlanRequest' });
export type SaveCasePlanRequest = z.infer<typeof SaveCasePlanRequest>;

export const TASK_KINDS = ['task', 'follow_up'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;

/** A task of one unit of the team (a plan action), or the follow-up after closure. */
export const CaseTask = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    kind: z.enum(TASK_KINDS),
    title: z.string(),
    unit: UnitRef,
    assignee: UserRef.nullable(),
    dueAt: z.string(),
    status: z.enum(TASK_STATUSES),
    createdBy: UserRef.nullable(),
    createdAt: z.string(),
    doneAt: z.string().nullable(),
    doneBy: UserRef.nullable(),
    result: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'CaseTask' });
export type CaseTask = z.infer<typeof CaseTask>;

export const NewCaseTaskRequest = z
  .object({
    title: text(300),
    /** The unit that does it: the lead unit or a unit of the team with an open referral. */
    unitId: z.uuid(),
    assigneeUserId: z.uuid().optional(),
    dueAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'NewCaseTaskRequest' });
export type NewCaseTaskRequest = z.infer<typeof NewCaseTaskRequest>;

export const FinishTaskRequest = z
  .object({ version: z.number().int(), result: text(5_000) })
  .meta({ id: 'FinishTaskRequest' });
export type FinishTaskRequest = z.infer<typeof FinishTaskRequest>;

/** Why a case is closed. */
export const CLOSURE_REASONS = [
  'goals_met',
  'referred_elsewhere',
  'person_declined',
  'unreachable',
  'moved_away',
  'deceased',
  'not_within_mandate',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const CLOSURE_REASON_NAMES: Readonly<Record<ClosureReason, { th: string; en: string }>> = {
  goals_met: { th: 'ช่วยเหลือครบตามแผนแล้ว', en: 'The plan’s goals are met' },
  referred_elsewhere: { th: 'ส่งต่อหน่วยงานอื่นรับผิดชอบต่อแล้ว', en: 'Handed on to another agency' },
  person_declined: { th: 'ผู้ประสบปัญหาไม่ประสงค์รับความช่วยเหลือ', en: 'The person declined help' },
  unreachable: { th: 'ติดต่อผู้ประสบปัญหาไม่ได้', en: 'The person cannot be reached' },
  moved_away: { th: 'ย้ายออกนอกพื้นที่', en: 'Moved out of the area' },
  deceased: { th: 'เสียชีวิต', en: 'Deceased' },
  not_within_mandate: { th: 'ไม่อยู่ในขอบเขตการช่วยเหลือ', en: 'Not within the mandate' },
};

export const CLOSURE_OUTCOMES = ['resolved', 'partly_resolved', 'not_resolved'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];
export const CLOSURE_OUTCOME_NAMES: Readonly<Record<ClosureOutcome, { th: string; en: string }>> = {
  resolved: { th: 'ปัญหาได้รับการแก้ไข', en: 'Resolved' },
  partly_resolved: { th: 'แก้ไขได้บางส่วน', en: 'Partly resolved' },
  not_resolved: { th: 'ยังไม่ได้รับการแก้ไข', en: 'Not resolved' },
};

export const CaseClosure = z
  .object({
    id: z.uuid(),
    reason: z.enum(CLOSURE_REASONS),
    outcome: z.enum(CLOSURE_OUTCOMES),
    summary: z.string(),
    followUpDays: z.number().int(),
    /** `pending`: waiting for the supervisor; `approved`: closed (by approval, or at once where none is needed); `rejected`: sent back. */
    status: z.enum(['pending', 'approved', 'rejected']),
    requiresApproval: z.boolean(),
    requestedBy: UserRef.nullable(),
    requestedAt: z.string(),
    decidedBy: UserRef.nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'CaseClosure' });
export type CaseClosure = z.infer<typeof CaseClosure>;

export const CloseCaseRequest = z
  .object({
    /** The case's version as the writer saw it. */
    version: z.number().int(),
    reason: z.enum(CLOSURE_REASONS),
    outcome: z.enum(CLOSURE_OUTCOMES),
    summary: text(5_000),
    /** When to follow up, in days after closing (default: the procedure's follow-up time frame, else 30). */
    followUpDays: z.number().int().min(1).max(365).optional(),
  })
  .meta({ id: 'CloseCaseRequest' });
export type CloseCaseRequest = z.infer<typeof CloseCaseRequest>;

export const ClosureDecisionRequest = z
  .object({
    version: z.number().int(),
    approve: z.boolean(),
    /** Required to send it back. */
    note: text(2_000).optional(),
  })
  .meta({ id: 'ClosureDecisionRequest' });
export type ClosureDecisionRequest = z.infer<typeof ClosureDecisionRequest>;

export const FOLLOW_UP_OUTCOMES = ['stable', 'improved', 'needs_help', 'unreachable'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export const FOLLOW_UP_OUTCOME_NAMES: Readonly<Record<FollowUpOutcome, { th: string; en: string }>> = {
  stable: { th: 'ปลอดภัย สถานการณ์คงที่', en: 'Safe and stable' },
  improved: { th: 'ดีขึ้น', en: 'Better' },
  needs_help: { th: 'ยังต้องการความช่วยเหลือ', en: 'Needs help again' },
  unreachable: { th: 'ติดต่อไม่ได้', en: 'Could not be reached' },
};

export const CaseFollowUp = z
  .object({
    id: z.uuid(),
    taskId: z.uuid(),
    outcome: z.enum(FOLLOW_UP_OUTCOMES),
    contactMethod: z.enum(CONTACT_METHODS),
    /** The person's satisfaction, 1 (very unsatisfied) to 5 (very satisfied); null when they did not say. */
    satisfaction: z.number().int().min(1).max(5).nullable(),
    note: z.string().nullable(),
    recordedBy: UserRef.nullable(),
    recordedAt: z.string(),
  })
  .meta({ id: 'CaseFollowUp' });
export type CaseFollowUp = z.infer<typeof CaseFollowUp>;

export const RecordFollowUpRequest = z
  .object({
    /** The follow-up task's version as seen. */
    version: z.number().int(),
    outcome: z.enum(FOLLOW_UP_OUTCOMES),
    contactMethod: z.enum(CONTACT_METHODS),
    satisfaction: z.number().int().min(1).max(5).nullable(),
    note: text(5_000).optional(),
  })
  .meta({ id: 'RecordFollowUpRequest' });
export type RecordFollowUpRequest = z.infer<typeof RecordFollowUpRequest>;

export const ReopenCaseRequest = z
  .object({ version: z.number().int(), reason: text(2_000) })
  .meta({ id: 'ReopenCaseRequest' });
export type ReopenCaseRequest = z.infer<typeof ReopenCaseRequest>;

export const CompleteStepRequest = z
  .object({ version: z.number().int(), note: text(2_000) })
  .meta({ id: 'CompleteStepRequest' });
export type CompleteStepRequest = z.infer<typeof CompleteStepRequest>;

/** Everything about working the case, for its page. */
export const CaseWork = z
  .object({
    caseId: z.uuid(),
    status: z.enum(CASE_STATES),
    version: z.number().int(),
    steps: z.array(CaseStepProgress),
    notes: z.array(CaseNote),
    services: z.array(CaseService),
    plan: CasePlan.nullable(),
    tasks: z.array(CaseTask),
    closures: z.array(CaseClosure),
    followUps: z.array(CaseFollowUp),
    /** What the reader may do now, so the page offers only that. */
    can: z.object({
      work: z.boolean(),
      close: z.boolean(),
      decideClosure: z.boolean(),
      reopen: z.boolean(),
    }),
    /** The units that may be given tasks: the lead unit and the team's units with an open referral. */
    teamUnits: z.array(UnitRef.extend({ lead: z.boolean() })),
  })
  .meta({ id: 'CaseWork' });
export type CaseWork = z.infer<typeof CaseWork>;

export const TIMELINE_KINDS = [
  'contact',
  'state',
  'referral_sent',
  'referral_answered',
  'step_done',
  'note',
  'service',
  'plan',
  'task_created',
  'task_done',
  'attachment',
  'closure_requested',
  'closure_decided',
  'follow_up',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One thing that happened to the case; `details` holds what the kind needs (codes, not prose, so the page can say it in Thai or English). */
export const TimelineEntry = z
  .object({
    at: z.string(),
    kind: z.enum(TIMELINE_KINDS),
    actor: UserRef.nullable(),
    unit: UnitRef.nullable(),
    text: z.string().nullable(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const MY_WORK_KINDS = ['referral', 'step', 'task', 'follow_up', 'approval'] as const;
export type MyWorkKind = (typeof MY_WORK_KINDS)[number];

/** One thing a person must do, with its deadline. */
export const MyWorkItem = z
  .object({
    kind: z.enum(MY_WORK_KINDS),
    /** The referral, task, step (case id + code) or closure it is about. */
    refId: z.string(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    crisis: z.boolean(),
    titleTh: z.string(),
    titleEn: z.string(),
    unit: UnitRef.nullable(),
    dueAt: z.string().nullable(),
    /** Minutes left until the deadline (negative: late), by the server's clock. */
    minutesLeft: z.number().int().nullable(),
  })
  .meta({ id: 'MyWorkItem' });
export type MyWorkItem = z.infer<typeof MyWorkItem>;

export const MyWork = z
  .object({
    items: z.array(MyWorkItem),
    /** The server's time the minutes were counted at. */
    now: z.string(),
    /** More items than were listed (the list shows the soonest due). */
    truncated: z.boolean(),
  })
  .meta({ id: 'MyWork' });
export type MyWork = z.infer<typeof MyWork>;
