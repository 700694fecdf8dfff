import { z } from 'zod';

/**
 * Privacy (PDPA B.E. 2562): how much of a case's identities a reader sees,
 * "breaking the glass", who has seen a case, data subjects' requests (s.30:
 * answered within 30 days), the breach register (s.37(4): the office told
 * within 72 hours) and retention periods per problem type.
 */

/** How a case's identifying fields were shown to this reader. */
export const CaseDisclosure = z
  .object({
    /** Names, ID and phone numbers, addresses, the narrative and attachments are masked. */
    masked: z.boolean(),
    /** The reader may break the glass on this case (they read it but have no `cases.identify`). */
    canReveal: z.boolean(),
    /** Until when a stated reason shows this reader the identities (break the glass). */
    revealedUntil: z.string().nullable(),
  })
  .meta({ id: 'CaseDisclosure' });
export type CaseDisclosure = z.infer<typeof CaseDisclosure>;

export const RevealCaseRequest = z
  .object({
    /** Why the identities are needed now: shown to the supervisor, kept in the audit trail. */
    reason: z.string().trim().min(10).max(500),
  })
  .meta({ id: 'RevealCaseRequest' });
export type RevealCaseRequest = z.infer<typeof RevealCaseRequest>;

export const CASE_ACCESS_KINDS = ['view', 'reveal', 'attachment', 'export'] as const;
export type CaseAccessKind = (typeof CASE_ACCESS_KINDS)[number];

/** One time someone saw a case (or broke the glass on it). */
export const CaseAccessEntry = z
  .object({
    at: z.string(),
    kind: z.enum(CASE_ACCESS_KINDS),
    actor: z.object({ id: z.uuid(), displayName: z.string(), email: z.string() }).nullable(),
    /** Whether identities were shown unmasked. */
    identified: z.boolean(),
    /** The reason stated when breaking the glass. */
    reason: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'CaseAccessEntry' });
export type CaseAccessEntry = z.infer<typeof CaseAccessEntry>;

export const CaseAccessQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type CaseAccessQuery = z.infer<typeof CaseAccessQuery>;

export const CaseAccessPage = z
  .object({
    items: z.array(CaseAccessEntry),
    total: z.number().int(),
    /** Distinct people who have seen the case. */
    people: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'CaseAccessPage' });
export type CaseAccessPage = z.infer<typeof CaseAccessPage>;

/** Breaking the glass, as a supervisor reviews it. */
export const RevealRecord = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    actor: z.object({ id: z.uuid(), displayName: z.string(), email: z.string() }),
    reason: z.string(),
    at: z.string(),
    until: z.string(),
    supervisor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  })
  .meta({ id: 'RevealRecord' });
export type RevealRecord = z.infer<typeof RevealRecord>;

export const RevealPage = z
  .object({ items: z.array(RevealRecord), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'RevealPage' });
export type RevealPage = z.infer<typeof RevealPage>;

// ---------------------------------------------------------------- data subjects' requests (s.30–s.36)

export const SUBJECT_REQUEST_KINDS = [
  'access', // s.30: a copy of the data, and how it was obtained
  'portability', // s.31
  'objection', // s.32
  'erasure', // s.33
  'restriction', // s.34
  'rectification', // s.35/s.36
  'withdraw_consent', // s.19
] as const;
export type SubjectRequestKind = (typeof SUBJECT_REQUEST_KINDS)[number];

export const SUBJECT_REQUEST_STATUSES = ['open', 'completed', 'refused'] as const;
export type SubjectRequestStatus = (typeof SUBJECT_REQUEST_STATUSES)[number];

/** The law's time to answer (s.30 paragraph 3): 30 days from the request. */
export const SUBJECT_REQUEST_DAYS = 30;

export const SubjectRequest = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    kind: z.enum(SUBJECT_REQUEST_KINDS),
    requesterName: z.string(),
    contact: z.string(),
    details: z.string(),
    case: z.object({ id: z.uuid(), caseNumber: z.string() }).nullable(),
    receivedAt: z.string(),
    dueAt: z.string(),
    status: z.enum(SUBJECT_REQUEST_STATUSES),
    /** Still open past its due date. */
    overdue: z.boolean(),
    closedAt: z.string().nullable(),
    outcome: z.string().nullable(),
    recordedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  })
  .meta({ id: 'SubjectRequest' });
export type SubjectRequest = z.infer<typeof SubjectRequest>;

export const NewSubjectRequest = z
  .object({
    kind: z.enum(SUBJECT_REQUEST_KINDS),
    requesterName: z.string().trim().min(1).max(200),
    /** How to answer: a phone number, an e-mail or a postal address. */
    contact: z.string().trim().min(3).max(300),
    details: z.string().trim().max(4000).default(''),
    /** The case the request is about, when the requester knows it. */
    caseNumber: z.string().trim().max(40).optional(),
    /** When the request reached us (the 30 days run from then); now when left out. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'NewSubjectRequest' });
export type NewSubjectRequest = z.infer<typeof NewSubjectRequest>;

export const CloseSubjectRequest = z
  .object({
    status: z.enum(['completed', 'refused']),
    /** What was done; for a refusal, the legal ground (s.30 paragraph 2, s.33 paragraph 2, …). */
    outcome: z.string().trim().min(5).max(4000),
  })
  .meta({ id: 'CloseSubjectRequest' });
export type CloseSubjectRequest = z.infer<typeof CloseSubjectRequest>;

export const SubjectRequestQuery = z.object({
  status: z.enum([...SUBJECT_REQUEST_STATUSES, 'overdue']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type SubjectRequestQuery = z.infer<typeof SubjectRequestQuery>;

export const SubjectRequestPage = z
  .object({
    items: z.array(SubjectRequest),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'SubjectRequestPage' });
export type SubjectRequestPage = z.infer<typeof SubjectRequestPage>;

// ---------------------------------------------------------------- breaches (s.37(4))

/** The office must be told within 72 hours of our learning of a breach. */
export const BREACH_NOTICE_HOURS = 72;

export const BREACH_RISKS = ['unlikely', 'risk', 'high'] as const;
export type BreachRisk = (typeof BREACH_RISKS)[number];

export const Breach = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    description: z.string(),
    discoveredAt: z.string(),
    /** discoveredAt + 72 hours. */
    notifyBy: z.string(),
    affectedCount: z.number().int().nullable(),
    /** `unlikely` to result in a risk (no notice needed, reasons recorded), a `risk`, or a `high` risk (the people told too). */
    risk: z.enum(BREACH_RISKS),
    officeNotifiedAt: z.string().nullable(),
    subjectsNotifiedAt: z.string().nullable(),
    measures: z.string(),
    closedAt: z.string().nullable(),
    /** The office not told and the 72 hours over. */
    overdue: z.boolean(),
    recordedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  })
  .meta({ id: 'Breach' });
export type Breach = z.infer<typeof Breach>;

export const NewBreach = z
  .object({
    title: z.string().trim().min(3).max(200),
    description: z.string().trim().min(1).max(8000),
    discoveredAt: z.iso.datetime({ offset: true }),
    affectedCount: z.number().int().min(0).max(100_000_000).nullable().default(null),
    risk: z.enum(BREACH_RISKS),
    measures: z.string().trim().max(8000).default(''),
  })
  .meta({ id: 'NewBreach' });
export type NewBreach = z.infer<typeof NewBreach>;

export const UpdateBreach = z
  .object({
    risk: z.enum(BREACH_RISKS).optional(),
    affectedCount: z.number().int().min(0).max(100_000_000).nullable().optional(),
    measures: z.string().trim().max(8000).optional(),
    officeNotifiedAt: z.iso.datetime({ offset: true }).optional(),
    subjectsNotifiedAt: z.iso.datetime({ offset: true }).optional(),
    close: z.boolean().optional(),
  })
  .meta({ id: 'UpdateBreach' });
export type UpdateBreach = z.infer<typeof UpdateBreach>;

export const BreachQuery = z.object({
  status: z.enum(['open', 'closed', 'overdue']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type BreachQuery = z.infer<typeof BreachQuery>;

export const BreachPage = z
  .object({ items: z.array(Breach), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'BreachPage' });
export type BreachPage = z.infer<typeof BreachPage>;

// ---------------------------------------------------------------- retention

export const RetentionPolicy = z
  .object({
    problemType: z.string(),
    nameTh: z.string(),
    nameEn: z.string(),
    /** Years after a case closes before its identities are erased; a case with several problems keeps the longest. */
    retainYears: z.number().int(),
    /** Whether this is the default (no period set for this problem type). */
    isDefault: z.boolean(),
  })
  .meta({ id: 'RetentionPolicy' });
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

export const RetentionOverview = z
  .object({
    defaultYears: z.number().int(),
    policies: z.array(RetentionPolicy),
    /** Cases anonymised so far. */
    anonymised: z.number().int(),
    /** Closed cases past their period, waiting for the next run of the job. */
    due: z.number().int(),
  })
  .meta({ id: 'RetentionOverview' });
export type RetentionOverview = z.infer<typeof RetentionOverview>;

export const SetRetention = z.object({ retainYears: z.number().int().min(1).max(100) }).meta({ id: 'SetRetention' });
export type SetRetention = z.infer<typeof SetRetention>;
