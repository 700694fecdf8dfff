import { z } from 'zod';
import { CHANNELS, CONTACT_OUTCOMES, ID_TYPES, NewCaseInput, PERSON_ROLES, RoutingDecision, SEXES } from './intake.ts';
import { CASE_STATES, ProcedureStep, Referral, type CaseState } from './procedures.ts';
import { CaseDisclosure } from './privacy.ts';

/** Where a case stands: the states of the case state machine (`CASE_STATES`). */
export const CASE_STATUSES = CASE_STATES;
export type CaseStatus = CaseState;

/** Photos and documents: the type is found from the content, never from the name. */
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'] as const;
export const STAFF_MEDIA_TYPES = [...PHOTO_MEDIA_TYPES, 'application/pdf'] as const;
/** The largest file one may attach, and how many files one report may carry. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const PUBLIC_REPORT_MAX_PHOTOS = 3;
export const STAFF_UPLOAD_MAX_FILES = 5;

export const CaseAttachment = z
  .object({
    id: z.uuid(),
    mediaType: z.string(),
    byteSize: z.number().int(),
    fileName: z.string().nullable(),
    source: z.enum(['public', 'staff', 'social']),
    createdAt: z.string(),
  })
  .meta({ id: 'CaseAttachment' });
export type CaseAttachment = z.infer<typeof CaseAttachment>;

const CaseUnit = z.object({ id: z.uuid(), nameTh: z.string(), nameEn: z.string().nullable() });

/** A case as the screening queue lists it: no identifying details. */
export const CaseSummary = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    status: z.enum(CASE_STATUSES),
    channel: z.enum(CHANNELS),
    crisis: z.boolean(),
    severity: z.number().int(),
    problemTypes: z.array(z.string()),
    areaCode: z.string(),
    responsibleUnit: CaseUnit.nullable(),
    createdAt: z.string(),
    screenedAt: z.string().nullable(),
    attachments: z.number().int(),
    /** The social worker the case was handed to. */
    assignee: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof CaseSummary>;

/**
 * The screening queues (no schema id: a referenced schema cannot describe
 * query parameters): `screening` — cases nobody has screened yet, crisis
 * first, oldest first; `triage` — cases no rule could route; `mine` — cases
 * handed to me.
 */
export const CaseQueueQuery = z.object({
  queue: z.enum(['screening', 'triage', 'mine']).default('screening'),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type CaseQueueQuery = z.infer<typeof CaseQueueQuery>;

export const CasePage = z
  .object({ items: z.array(CaseSummary), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'CasePage' });
export type CasePage = z.infer<typeof CasePage>;

export const CasePerson = z
  .object({
    id: z.uuid(),
    role: z.enum(PERSON_ROLES),
    name: z.string().nullable(),
    idType: z.enum(ID_TYPES),
    idNumber: z.string().nullable(),
    passportCountry: z.string().nullable(),
    nationality: z.string().nullable(),
    birthDate: z.string().nullable(),
    estimatedAge: z.number().int().nullable(),
    sex: z.enum(SEXES),
    disability: z.boolean(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'CasePersonRecord' });
export type CasePerson = z.infer<typeof CasePerson>;

export const LinkedCase = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    status: z.enum(CASE_STATUSES),
    /** `related`: linked by staff; `merged_here`: a duplicate merged into this case. */
    relation: z.enum(['related', 'merged_here']),
    reason: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'LinkedCase' });
export type LinkedCase = z.infer<typeof LinkedCase>;

/** A whole case, for the people allowed to see it; every read is recorded in the audit trail. */
export const CaseDetail = CaseSummary.extend({
  version: z.number().int(),
  narrative: z.string(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  reporter: z.object({ anonymous: z.boolean(), relation: z.string() }),
  people: z.array(CasePerson),
  routing: RoutingDecision,
  mergedInto: z.object({ id: z.uuid(), caseNumber: z.string() }).nullable(),
  links: z.array(LinkedCase),
  attachmentList: z.array(CaseAttachment),
  contacts: z.array(
    z.object({ id: z.uuid(), receivedAt: z.string(), channel: z.enum(CHANNELS), outcome: z.enum(CONTACT_OUTCOMES) }),
  ),
  /** The LINE / Messenger conversations the case came from: staff reply to the person from the case. */
  conversations: z.array(z.object({ id: z.uuid(), provider: z.enum(['line', 'facebook']) })),
  /** The procedure version the case started with (it keeps it whatever later versions say). */
  procedure: z
    .object({
      id: z.uuid(),
      version: z.number().int(),
      nameTh: z.string(),
      nameEn: z.string(),
      steps: z.array(ProcedureStep),
    })
    .nullable(),
  /** Whether the identities above are masked for this reader, and whether they may break the glass. */
  disclosure: CaseDisclosure,
  /** When the case passed its retention period and lost its identities (null while it keeps them). */
  anonymisedAt: z.string().nullable(),
  /** Every referral of the case, the lead unit's and the team's, newest last. */
  referrals: z.array(Referral),
  /** Every change of state: who, when, why. */
  transitions: z.array(
    z.object({
      from: z.enum(CASE_STATES).nullable(),
      to: z.enum(CASE_STATES),
      reason: z.string().nullable(),
      actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
      at: z.string(),
    }),
  ),
}).meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof CaseDetail>;

/**
 * Screening decides what the case is and where it goes: problem types, the
 * crisis flag and severity; `route` `auto` runs the routing rules again,
 * `unit` sends it to a unit staff chose (with the reason), `keep` leaves it.
 */
export const ScreenCaseRequest = z
  .object({
    version: z.number().int(),
    problemTypes: NewCaseInput.shape.problemTypes,
    crisis: z.boolean(),
    severity: z.number().int().min(1).max(4),
    route: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('keep') }),
      z.object({ kind: z.literal('auto') }),
      z.object({ kind: z.literal('unit'), unitId: z.uuid(), reason: z.string().trim().min(1).max(500) }),
    ]),
  })
  .meta({ id: 'ScreenCaseRequest' });
export type ScreenCaseRequest = z.infer<typeof ScreenCaseRequest>;

export const LinkCaseRequest = z
  .object({ relatedCaseId: z.uuid(), reason: z.string().trim().min(1).max(500) })
  .meta({ id: 'LinkCaseRequest' });
export type LinkCaseRequest = z.infer<typeof LinkCaseRequest>;

/**
 * A duplicate is merged into the case that carries on: it keeps its record
 * (status `merged`), its contacts and attachments move over, and a public
 * reporter's tracking code follows.
 */
export const MergeCaseRequest = z
  .object({ version: z.number().int(), intoCaseId: z.uuid(), reason: z.string().trim().min(1).max(500) })
  .meta({ id: 'MergeCaseRequest' });
export type MergeCaseRequest = z.infer<typeof MergeCaseRequest>;

/** What the routing rules would do for a problem and a place (no schema id: query parameters). */
export const RoutingPreviewQuery = z.object({
  problemType: z.string().max(40),
  areaCode: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/),
  crisis: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** ISO time to judge office hours at; now when absent. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type RoutingPreviewQuery = z.infer<typeof RoutingPreviewQuery>;

export const RoutingCandidate = z.object({
  unitId: z.uuid(),
  unitNameTh: z.string(),
  areaLevel: z.enum(['subdistrict', 'district', 'province']),
  areaCode: z.string(),
  leadAgency: z.boolean(),
  openNow: z.boolean(),
});

export const RoutingPreview = z
  .object({ decision: RoutingDecision, candidates: z.array(RoutingCandidate) })
  .meta({ id: 'RoutingPreview' });
export type RoutingPreview = z.infer<typeof RoutingPreview>;

const problemTypeFields = {
  nameTh: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  urgent: z.boolean(),
  /** The code of the ministry (root agency) that leads on this problem; routing prefers its units. */
  leadAgencyCode: z.string().trim().max(40).nullable(),
  sortOrder: z.number().int().min(0).max(10_000),
  active: z.boolean(),
};

/** The problem-type taxonomy is data: administrators add types, rename them and set their lead agency. */
export const ProblemTypeInput = z.object(problemTypeFields).meta({ id: 'UpdateProblemTypeRequest' });
export type ProblemTypeInput = z.infer<typeof ProblemTypeInput>;

export const NewProblemTypeRequest = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _'),
    ...problemTypeFields,
  })
  .meta({ id: 'NewProblemTypeRequest' });
export type NewProblemTypeRequest = z.infer<typeof NewProblemTypeRequest>;

/** A LINE or Facebook conversation, triaged: what it was, and — for `case` — the case it becomes. */
export const TriageConversationRequest = z
  .object({
    outcome: z.enum(CONTACT_OUTCOMES).exclude(['pending']),
    summary: z.string().trim().max(2_000).optional(),
    case: NewCaseInput.optional(),
    handTo: z.uuid().optional(),
  })
  .meta({ id: 'TriageConversationRequest' });
export type TriageConversationRequest = z.infer<typeof TriageConversationRequest>;
