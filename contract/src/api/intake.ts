import { z } from 'zod';

/** The channels the documents name (ช่องทาง): walk-in, hotline 1300, website, mobile app, social media, abroad. */
export const CHANNELS = ['walk_in', 'hotline', 'web', 'mobile_app', 'line', 'facebook', 'international'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * What became of a contact. Every contact is kept — also those that become no
 * case — and counts in the reports.
 */
export const CONTACT_OUTCOMES = [
  /** A conversation on LINE or Facebook that staff have not triaged yet. */
  'pending',
  'case',
  'advice',
  'information',
  'referred_elsewhere',
  'prank',
  'silent',
  'wrong_number',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const PERSON_ROLES = ['victim', 'alleged_perpetrator', 'reporter', 'other'] as const;
export const ID_TYPES = ['thai_id', 'passport', 'none'] as const;
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
/** A problem type's code, as problem types are created (lower-case letters, digits and _). */
const ProblemCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'a problem type code');
const optionalText = (max: number) => z.string().trim().max(max).optional();

/** A person involved in a case. Identifying fields are stored protected (encrypted, searchable by keyed hash). */
export const CasePersonInput = z
  .object({
    role: z.enum(PERSON_ROLES),
    name: optionalText(200),
    idType: z.enum(ID_TYPES).default('none'),
    /** A Thai ID (13 digits, check digit verified) or a passport number, as `idType` says. */
    idNumber: optionalText(40),
    /** ISO 3166-1 alpha-3 of the passport's issuer or of the person's nationality. */
    passportCountry: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    nationality: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    birthDate: optionalText(20),
    estimatedAge: z.number().int().min(0).max(120).optional(),
    sex: z.enum(SEXES).default('unknown'),
    disability: z.boolean().default(false),
    phone: optionalText(30),
  })
  .meta({ id: 'CasePersonInput' });
export type CasePersonInput = z.infer<typeof CasePersonInput>;

export const CaseLocationInput = z
  .object({
    /** The most specific place known: a subdistrict (6 digits), a district (4) or a province (2). */
    areaCode: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/),
    address: optionalText(500),
    latitude: z.number().min(5).max(21).optional(),
    longitude: z.number().min(97).max(106).optional(),
  })
  .meta({ id: 'CaseLocationInput' });

export const NewCaseInput = z
  .object({
    problemTypes: z.array(ProblemCode).min(1).max(5),
    crisis: z.boolean().default(false),
    /** 1 (low) to 4 (life in danger). */
    severity: z.number().int().min(1).max(4).default(2),
    location: CaseLocationInput,
    narrative: text(10_000),
    reporter: z
      .object({
        anonymous: z.boolean().default(false),
        relation: z.enum(['self', 'family', 'neighbour', 'teacher', 'official', 'other']).default('self'),
      })
      .default({ anonymous: false, relation: 'self' }),
    people: z.array(CasePersonInput).max(20).default([]),
  })
  .meta({ id: 'NewCaseInput' });
export type NewCaseInput = z.infer<typeof NewCaseInput>;

/** One contact on the hotline or at a unit's counter: recorded whatever became of it. */
export const RecordContactRequest = z
  .object({
    channel: z.enum(['hotline', 'walk_in', 'international']).default('hotline'),
    callerPhone: optionalText(30),
    outcome: z.enum(CONTACT_OUTCOMES).exclude(['pending']),
    summary: optionalText(2_000),
    /** Required when the outcome is `case`. */
    case: NewCaseInput.optional(),
    /**
     * With a case: hand it to this social worker (one who may read cases where it happened — see
     * GET /api/intake/social-workers).
     */
    handTo: z.uuid().optional(),
  })
  .meta({ id: 'RecordContactRequest' });
export type RecordContactRequest = z.infer<typeof RecordContactRequest>;

/** How a case found its unit: the rule that matched, kept on the case. */
export const RoutingDecision = z
  .object({
    unitId: z.uuid().nullable(),
    unitNameTh: z.string().nullable(),
    /**
     * `area`: a unit answering for the place and problem; `triage`: nothing
     * matched — the central triage queue; `manual`: staff chose the unit at
     * screening (the reason says why).
     */
    kind: z.enum(['area', 'triage', 'manual']),
    areaLevel: z.enum(['subdistrict', 'district', 'province']).nullable(),
    areaCode: z.string().nullable(),
    leadAgency: z.boolean(),
    open24Hours: z.boolean(),
    reason: z.string(),
  })
  .meta({ id: 'RoutingDecision' });
export type RoutingDecision = z.infer<typeof RoutingDecision>;

export const RecordedContact = z
  .object({
    contactId: z.uuid(),
    outcome: z.enum(CONTACT_OUTCOMES),
    case: z
      .object({
        id: z.uuid(),
        caseNumber: z.string(),
        status: z.string(),
        routing: RoutingDecision,
        /** The social worker the call was handed to. */
        assignee: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'RecordedContact' });
export type RecordedContact = z.infer<typeof RecordedContact>;

/** What the hotline shows while a number is typed: earlier contacts and open cases of that number. */
export const CallerHistory = z
  .object({
    contacts: z.array(
      z.object({ id: z.uuid(), receivedAt: z.string(), channel: z.enum(CHANNELS), outcome: z.enum(CONTACT_OUTCOMES) }),
    ),
    openCases: z.array(z.object({ id: z.uuid(), caseNumber: z.string(), status: z.string(), createdAt: z.string() })),
  })
  .meta({ id: 'CallerHistory' });
export type CallerHistory = z.infer<typeof CallerHistory>;

/**
 * A report from the public website (no sign-in): anonymous unless the person
 * chooses otherwise; the PDPA notice must be accepted. `website` is a field
 * people never see (a honeypot): anything in it marks a robot.
 */
export const PublicReportRequest = z
  .object({
    problemTypes: z.array(ProblemCode).max(3).default([]),
    crisis: z.boolean().default(false),
    location: CaseLocationInput,
    narrative: text(5_000),
    reporter: z
      .object({
        anonymous: z.boolean().default(true),
        relation: z.enum(['self', 'family', 'neighbour', 'teacher', 'official', 'other']).default('self'),
        name: optionalText(200),
        phone: optionalText(30),
      })
      .default({ anonymous: true, relation: 'self' }),
    consent: z.literal(true, { error: 'the privacy notice must be accepted' }),
    /** Where the report was filed: the website (the default) or the mobile app. */
    source: z.enum(['web', 'mobile_app']).default('web'),
    website: z.string().max(200).optional(),
  })
  .meta({ id: 'PublicReportRequest' });
export type PublicReportRequest = z.infer<typeof PublicReportRequest>;

/** Shown once to the reporter: with both, the status page answers (and nothing else does). */
export const PublicReportReceipt = z
  .object({ trackingCode: z.string(), pin: z.string(), receivedAt: z.string() })
  .meta({ id: 'PublicReportReceipt' });
export type PublicReportReceipt = z.infer<typeof PublicReportReceipt>;

export const PublicStatusRequest = z
  .object({
    trackingCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{5}-?[A-Z0-9]{5}$/),
    pin: z
      .string()
      .trim()
      .regex(/^\d{6}$/),
  })
  .meta({ id: 'PublicStatusRequest' });
export type PublicStatusRequest = z.infer<typeof PublicStatusRequest>;

/** What the public status page shows: where the report stands, and no personal data at all. */
export const PublicStatus = z
  .object({
    trackingCode: z.string(),
    stage: z.enum(['received', 'in_progress', 'closed']),
    receivedAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PublicStatus' });
export type PublicStatus = z.infer<typeof PublicStatus>;

export const SocialMessage = z
  .object({
    id: z.uuid(),
    direction: z.enum(['in', 'out']),
    kind: z.string(),
    text: z.string().nullable(),
    delivery: z.enum(['received', 'sent', 'failed']),
    createdAt: z.string(),
  })
  .meta({ id: 'SocialMessage' });

export const SocialConversation = z
  .object({
    id: z.uuid(),
    provider: z.enum(['line', 'facebook']),
    contactId: z.uuid(),
    outcome: z.enum(CONTACT_OUTCOMES),
    startedAt: z.string(),
    lastMessageAt: z.string(),
    messages: z.array(SocialMessage),
  })
  .meta({ id: 'SocialConversation' });
export type SocialConversation = z.infer<typeof SocialConversation>;

export const SocialReplyRequest = z.object({ text: text(2_000) }).meta({ id: 'SocialReplyRequest' });
export type SocialReplyRequest = z.infer<typeof SocialReplyRequest>;

/**
 * Screening: what to look for in earlier cases (any of them). No schema id:
 * @fastify/swagger cannot resolve a referenced schema for query parameters.
 */
export const RelatedCasesQuery = z.object({
  phone: z.string().trim().max(30).optional(),
  idType: z.enum(['thai_id', 'passport']).optional(),
  idNumber: z.string().trim().max(40).optional(),
  name: z.string().trim().max(200).optional(),
  /** With `name`: where — cases in the same province are compared. */
  areaCode: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6})$/)
    .optional(),
  days: z.coerce.number().int().min(1).max(3650).default(180),
});
export type RelatedCasesQuery = z.infer<typeof RelatedCasesQuery>;

export const RelatedCase = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    status: z.string(),
    createdAt: z.string(),
    reasons: z.array(z.enum(['same_phone', 'same_id', 'similar_name'])),
  })
  .meta({ id: 'RelatedCase' });
export type RelatedCase = z.infer<typeof RelatedCase>;

/** A social worker a call can be handed to (no schema id: also the shape of a query answer's items). */
export const SocialWorkerOption = z.object({
  id: z.uuid(),
  displayName: z.string(),
  unitNameTh: z.string().nullable(),
  /** Cases they have now that are not merged. */
  openCases: z.number().int(),
});
export type SocialWorkerOption = z.infer<typeof SocialWorkerOption>;
