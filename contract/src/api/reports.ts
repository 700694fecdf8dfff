import { z } from 'zod';
import { CHANNELS, CONTACT_OUTCOMES } from './intake.ts';
import { CASE_STATES } from './procedures.ts';

/**
 * Reports for executives (issue 7): a dashboard scoped to the viewer, a map
 * of the provinces, standard reports, drill-down to the cases behind every
 * figure, exports and scheduled e-mails.
 *
 * Every figure but two concerns the cases *received* in the period (a
 * cohort): how many, by what, reached within 24 hours or not, steps on time
 * or late, closed. "Overdue now" and "open alarms" are the state of this
 * moment, over every open case that matches the other filters.
 */

/** The reports a person can open, export and subscribe to. */
export const REPORT_KINDS = ['dashboard', 'monthly', 'service', 'compliance'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const REPORT_LANGUAGES = ['th', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/**
 * What a figure counts, so that a click on it lists the cases behind it:
 *  - cases: received in the period; crisis: of them, flagged as a crisis;
 *  - reached_met / reached_breached / reached_pending: the responsible unit's
 *    first contact within 24 hours, after it, or not yet (and not yet late);
 *  - steps_met / steps_breached: cases with a step or referral answered in its
 *    time frame / with one past it;
 *  - closed: closed now; overdue_now: with a clock past its time now;
 *  - open_alarms: with an alarm not yet resolved.
 */
export const DRILL_MEASURES = [
  'cases',
  'crisis',
  'reached_met',
  'reached_breached',
  'reached_pending',
  'steps_met',
  'steps_breached',
  'closed',
  'overdue_now',
  'open_alarms',
] as const;
export type DrillMeasure = (typeof DRILL_MEASURES)[number];

/** A calendar day in Asia/Bangkok (YYYY-MM-DD, Common Era — the screens show the Buddhist era). */
const BangkokDay = z.iso.date();
const ProblemCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,40}$/);

/** The days a report covers at most (ten years). */
export const REPORT_MAX_DAYS = 3660;

/**
 * The filters every report takes. Without a period: the last twelve months
 * — from the first day of the month eleven months ago to today — except the
 * monthly report, which covers the last whole month.
 */
export const ReportFilter = z.object({
  /** First day included. */
  from: BangkokDay.optional(),
  /** Last day included. */
  to: BangkokDay.optional(),
  problem: ProblemCode.optional(),
  channel: z.enum(CHANNELS).optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  districtCode: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  /** An agency and everything below it (a ministry, a department, …): the cases of its units. */
  agencyId: z.uuid().optional(),
});
export type ReportFilter = z.infer<typeof ReportFilter>;

/** Where a figure's cases lie beyond the report's own filters: what the row or column it sits in stands for. */
export const DrillFilter = z.object({
  problem: ProblemCode.optional(),
  channel: z.enum(CHANNELS).optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  agencyId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  status: z.enum(CASE_STATES).optional(),
  /** A procedure step (by its code): cases with a clock of that step. */
  stepCode: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,60}$/)
    .optional(),
  /** A month of the period (YYYY-MM). */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
export type DrillFilter = z.infer<typeof DrillFilter>;

/** The cases behind a figure (no schema id: a referenced schema cannot describe query parameters). */
export const ReportCasesQuery = ReportFilter.extend(DrillFilter.shape).extend({
  measure: z.enum(DRILL_MEASURES).default('cases'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ReportCasesQuery = z.infer<typeof ReportCasesQuery>;

const Localized = z.object({ th: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof Localized>;

const UnitRef = z.object({ id: z.uuid(), nameTh: z.string(), nameEn: z.string().nullable() });

/** A case behind a figure: what a list needs, nothing that identifies a person. */
export const ReportCase = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    receivedAt: z.string(),
    status: z.enum(CASE_STATES),
    channel: z.enum(CHANNELS),
    crisis: z.boolean(),
    problem: z.string().nullable(),
    provinceCode: z.string().nullable(),
    unit: UnitRef.nullable(),
    /** The 24-hour first contact: in time, late, or not yet decided. */
    firstContact: z.enum(['met', 'breached']).nullable(),
    firstContactMinutes: z.number().int().nullable(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'ReportCase' });
export type ReportCase = z.infer<typeof ReportCase>;

export const ReportCasePage = z
  .object({
    items: z.array(ReportCase),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'ReportCasePage' });
export type ReportCasePage = z.infer<typeof ReportCasePage>;

/** The period a report covers, as resolved from its filter. */
export const ReportPeriod = z.object({ from: z.iso.date(), to: z.iso.date() });
export type ReportPeriod = z.infer<typeof ReportPeriod>;

/** One group of a breakdown (a problem, a channel, a province, a ministry, a status) with its figures. */
export const ReportBreakdownItem = z.object({
  key: z.string(),
  nameTh: z.string(),
  nameEn: z.string().nullable(),
  cases: z.number().int(),
  crisis: z.number().int(),
  closed: z.number().int(),
  reachedMet: z.number().int(),
  reachedBreached: z.number().int(),
  stepsMet: z.number().int(),
  stepsBreached: z.number().int(),
  overdueNow: z.number().int(),
});
export type ReportBreakdownItem = z.infer<typeof ReportBreakdownItem>;

export const ReportTotals = z.object({
  cases: z.number().int(),
  crisis: z.number().int(),
  closed: z.number().int(),
  /** Every contact of the period on every channel, and those that became no case. */
  contacts: z.number().int(),
  /** Contacts are counted by the unit that took them (a call to the national hotline is the nation's), whatever the filters of place, problem or agency. */
  contactsNoCase: z.number().int(),
  /** The responsible unit's first contact within 24 hours: in time, late, still to come (not yet late). */
  reachedMet: z.number().int(),
  reachedBreached: z.number().int(),
  reachedPending: z.number().int(),
  /** Cases' steps and referrals answered in their time frame, and past it. */
  stepsMet: z.number().int(),
  stepsBreached: z.number().int(),
  /** Now, over every open case that matches the other filters, whatever the period: cases with a clock past its time, cases with an alarm not yet resolved. */
  overdueNow: z.number().int(),
  openAlarms: z.number().int(),
  /** Medians over the period's cases that got there (minutes), null when none did. */
  medianFirstContactMinutes: z.number().nullable(),
  medianClosureMinutes: z.number().nullable(),
});
export type ReportTotals = z.infer<typeof ReportTotals>;

export const Dashboard = z
  .object({
    period: ReportPeriod,
    /** Whose cases the viewer sees, in words ("จังหวัดราชบุรี", "ทั่วประเทศ"). */
    scope: Localized,
    totals: ReportTotals,
    byProblem: z.array(ReportBreakdownItem),
    byChannel: z.array(ReportBreakdownItem),
    byStatus: z.array(ReportBreakdownItem),
    /** By the ministry of the responsible unit ("none": not yet routed to a unit). */
    byAgency: z.array(ReportBreakdownItem),
    /** By the case's province ("none": no place given); the map colours the 77 provinces from it. */
    byProvince: z.array(ReportBreakdownItem),
    /** Month by month over the period (YYYY-MM keys). */
    trend: z.array(ReportBreakdownItem),
    contactsByOutcome: z.array(z.object({ outcome: z.enum(CONTACT_OUTCOMES), contacts: z.number().int() })),
    generatedAt: z.string(),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;

/** How a column's values read: a count, a share (0…1), minutes, or text. */
export const REPORT_COLUMN_KINDS = ['text', 'count', 'percent', 'minutes'] as const;

export const ReportColumn = z.object({
  key: z.string(),
  label: Localized,
  kind: z.enum(REPORT_COLUMN_KINDS),
  /** A figure of this column lists its cases: this measure, within its row's drill filter. */
  measure: z.enum(DRILL_MEASURES).optional(),
});
export type ReportColumn = z.infer<typeof ReportColumn>;

export const ReportCell = z.union([z.string(), z.number(), z.null(), Localized]);
export type ReportCell = z.infer<typeof ReportCell>;

export const ReportRow = z.object({
  cells: z.record(z.string(), ReportCell),
  /** Where this row's cases lie; absent on rows whose figures cannot be listed. */
  drill: DrillFilter.optional(),
  /**
   * What the row's count figures count, for a table whose rows are different
   * figures (key figures): it lists the cases of a figure of a column without
   * a measure of its own.
   */
  measure: z.enum(DRILL_MEASURES).optional(),
  /** A total row (shown in bold, kept last). */
  total: z.boolean().optional(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportSection = z.object({
  id: z.string(),
  title: Localized,
  note: Localized.optional(),
  columns: z.array(ReportColumn),
  rows: z.array(ReportRow),
});
export type ReportSection = z.infer<typeof ReportSection>;

/**
 * A standard report as data: the screen, the .xlsx, the CSV and the PDF are
 * all drawn from this one document, so they always show the same figures.
 */
export const ReportDocument = z
  .object({
    kind: z.enum(REPORT_KINDS),
    title: Localized,
    period: ReportPeriod,
    scope: Localized,
    /** The filters in words, one line each. */
    filters: z.array(Localized),
    generatedAt: z.string(),
    sections: z.array(ReportSection),
  })
  .meta({ id: 'ReportDocument' });
export type ReportDocument = z.infer<typeof ReportDocument>;

export const ReportKindParams = z.object({ kind: z.enum(REPORT_KINDS) });

export const ReportExportQuery = ReportFilter.extend({
  format: z.enum(EXPORT_FORMATS),
  language: z.enum(REPORT_LANGUAGES).default('th'),
});
export type ReportExportQuery = z.infer<typeof ReportExportQuery>;

export const REPORT_FREQUENCIES = ['daily', 'weekly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

/** The filters a subscription keeps: everything but the period, which each sending sets. */
export const SubscriptionFilter = ReportFilter.omit({ from: true, to: true });
export type SubscriptionFilter = z.infer<typeof SubscriptionFilter>;

/**
 * An executive's standing order for a report by e-mail: daily (the day
 * before) or weekly (the seven days before, on the chosen weekday), with the
 * report attached, within their scope at the time of sending.
 */
export const NewReportSubscriptionRequest = z
  .object({
    kind: z.enum(REPORT_KINDS),
    frequency: z.enum(REPORT_FREQUENCIES),
    /** For weekly: the day it is sent, 1 = Monday … 7 = Sunday. */
    weekday: z.number().int().min(1).max(7).nullable().default(null),
    format: z.enum(EXPORT_FORMATS),
    language: z.enum(REPORT_LANGUAGES).default('th'),
    filter: SubscriptionFilter.default({}),
  })
  .refine((value) => (value.frequency === 'weekly') === (value.weekday !== null), {
    path: ['weekday'],
    message: 'a weekly report needs its weekday; a daily one has none',
  })
  .meta({ id: 'NewReportSubscriptionRequest' });
export type NewReportSubscriptionRequest = z.infer<typeof NewReportSubscriptionRequest>;

export const ReportSubscription = z
  .object({
    id: z.uuid(),
    kind: z.enum(REPORT_KINDS),
    frequency: z.enum(REPORT_FREQUENCIES),
    weekday: z.number().int().nullable(),
    format: z.enum(EXPORT_FORMATS),
    language: z.enum(REPORT_LANGUAGES),
    filter: SubscriptionFilter,
    createdAt: z.string(),
    lastSentAt: z.string().nullable(),
    /** When the next e-mail goes out. */
    nextSendAt: z.string(),
  })
  .meta({ id: 'ReportSubscription' });
export type ReportSubscription = z.infer<typeof ReportSubscription>;

export const ReportSubscriptionList = z
  .object({ items: z.array(ReportSubscription) })
  .meta({ id: 'ReportSubscriptionList' });
export type ReportSubscriptionList = z.infer<typeof ReportSubscriptionList>;
