import { z } from 'zod';

/**
 * The alarm system (issue 6). Every open clock of a case is a deadline: the
 * 24 hours from intake to the responsible unit's first contact ("no service"),
 * each running step of the procedure and each referral waiting for an answer
 * ("overdue"). A deadline warns at a share of its time frame and, once past,
 * climbs an escalation ladder — as data — telling more people over more
 * channels until it is met.
 */

/** The two alarms of the documents: no service within 24 hours; a step or referral past its time frame. */
export const ALARM_TYPES = ['no_service', 'overdue'] as const;
export type AlarmType = (typeof ALARM_TYPES)[number];

/** Which clock of the case a deadline watches. */
export const DEADLINE_KINDS = ['first_contact', 'step', 'referral'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Who a ladder level tells, always within the case's own area or ministry. */
export const ALARM_AUDIENCES = ['assignee', 'unit_head', 'province', 'ministry', 'central'] as const;
export type AlarmAudience = (typeof ALARM_AUDIENCES)[number];

export const ALARM_CHANNELS = ['in_app', 'email', 'sms', 'line'] as const;
export type AlarmChannel = (typeof ALARM_CHANNELS)[number];

/** The first contact must happen within 24 hours of intake, counted round the clock. */
export const NO_SERVICE_MINUTES = 24 * 60;
export const DEFAULT_WARNING_SHARE = 0.75;

const minutes = z
  .number()
  .int()
  .min(0)
  .max(60 * 24 * 60);

/**
 * One level of a ladder. Level 0 is the warning (at the warning share of the
 * time frame); levels 1… follow the breach by `afterMinutes`. A level repeats
 * every `repeatMinutes` until someone it told acknowledges it or the deadline
 * is met. E-mail to the audiences in `digestAudiences` goes into their
 * digest instead of one message per case.
 */
export const AlarmLadderLevel = z
  .object({
    level: z.number().int().min(0).max(9),
    afterMinutes: minutes,
    audiences: z.array(z.enum(ALARM_AUDIENCES)).min(1).max(ALARM_AUDIENCES.length),
    channels: z.array(z.enum(ALARM_CHANNELS)).min(1).max(ALARM_CHANNELS.length),
    repeatMinutes: z
      .number()
      .int()
      .min(15)
      .max(7 * 24 * 60)
      .nullable(),
    digestAudiences: z.array(z.enum(ALARM_AUDIENCES)).max(ALARM_AUDIENCES.length),
  })
  .meta({ id: 'AlarmLadderLevel' });
export type AlarmLadderLevel = z.infer<typeof AlarmLadderLevel>;

/**
 * The ladder the system starts with (editable by national administrators):
 * the warning to whoever holds the work; at the breach the unit head too, by
 * every channel, hourly until handled; after two hours the province; after a
 * day the ministry's executives and the central desk (both by digest e-mail, and live in the app). No
 * service within 24 hours climbs faster: the province at once, the ministry
 * and the central desk within the hour.
 */
export const DEFAULT_LADDERS: Record<AlarmType, AlarmLadderLevel[]> = {
  overdue: [
    {
      level: 0,
      afterMinutes: 0,
      audiences: ['assignee'],
      channels: ['in_app', 'email'],
      repeatMinutes: null,
      digestAudiences: [],
    },
    {
      level: 1,
      afterMinutes: 0,
      audiences: ['assignee', 'unit_head'],
      channels: ['in_app', 'email', 'sms', 'line'],
      repeatMinutes: 60,
      digestAudiences: [],
    },
    {
      level: 2,
      afterMinutes: 120,
      audiences: ['province'],
      channels: ['in_app', 'email', 'sms'],
      repeatMinutes: 240,
      digestAudiences: [],
    },
    {
      level: 3,
      afterMinutes: 1440,
      audiences: ['ministry', 'central'],
      channels: ['in_app', 'email'],
      repeatMinutes: 1440,
      digestAudiences: ['ministry', 'central'],
    },
  ],
  no_service: [
    {
      level: 0,
      afterMinutes: 0,
      audiences: ['assignee', 'unit_head'],
      channels: ['in_app', 'email'],
      repeatMinutes: null,
      digestAudiences: [],
    },
    {
      level: 1,
      afterMinutes: 0,
      audiences: ['assignee', 'unit_head', 'province'],
      channels: ['in_app', 'email', 'sms', 'line'],
      repeatMinutes: 60,
      digestAudiences: [],
    },
    {
      level: 2,
      afterMinutes: 60,
      audiences: ['ministry', 'central'],
      channels: ['in_app', 'email', 'sms'],
      repeatMinutes: 240,
      digestAudiences: ['ministry', 'central'],
    },
  ],
};

export const AlarmLadder = z
  .object({
    /** The share of a time frame after which the warning goes out (0.75 = at three quarters). */
    warningShare: z.number().gt(0).lt(1),
    ladders: z.object({ no_service: z.array(AlarmLadderLevel), overdue: z.array(AlarmLadderLevel) }),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'AlarmLadder' });
export type AlarmLadder = z.infer<typeof AlarmLadder>;

export const SaveAlarmLadderRequest = z
  .object({
    warningShare: z.number().gt(0).lt(1),
    ladders: z.object({
      no_service: z.array(AlarmLadderLevel).min(1).max(10),
      overdue: z.array(AlarmLadderLevel).min(1).max(10),
    }),
  })
  .meta({ id: 'SaveAlarmLadderRequest' });
export type SaveAlarmLadderRequest = z.infer<typeof SaveAlarmLadderRequest>;

/** What is wrong with a ladder as a whole (the server refuses it; the editor shows it). */
export function ladderProblems(levels: readonly AlarmLadderLevel[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  levels.forEach((level, index) => {
    if (level.level !== index)
      problems.push({ path: `${index}.level`, message: 'ระดับต้องเรียง 0, 1, 2, … / levels run 0, 1, 2, …' });
    if (index > 1 && level.afterMinutes < levels[index - 1]!.afterMinutes)
      problems.push({
        path: `${index}.afterMinutes`,
        message: 'ระดับที่สูงกว่าต้องมาทีหลัง / a higher level cannot come earlier',
      });
    if (new Set(level.audiences).size !== level.audiences.length)
      problems.push({ path: `${index}.audiences`, message: 'ผู้รับซ้ำกัน / an audience is listed twice' });
    if (new Set(level.channels).size !== level.channels.length)
      problems.push({ path: `${index}.channels`, message: 'ช่องทางซ้ำกัน / a channel is listed twice' });
    if (!level.channels.includes('in_app'))
      problems.push({
        path: `${index}.channels`,
        message: 'ทุกระดับต้องแจ้งในระบบ / every level is shown in the app',
      });
    for (const audience of level.digestAudiences)
      if (!level.audiences.includes(audience))
        problems.push({
          path: `${index}.digestAudiences`,
          message: 'สรุปรวมได้เฉพาะผู้รับในระดับนี้ / a digest only for this level’s audiences',
        });
  });
  if (levels.length < 2)
    problems.push({ path: '', message: 'ต้องมีคำเตือนและการแจ้งเมื่อเกินกำหนด / a warning and a breach level' });
  return problems;
}

const UserRef = z.object({ id: z.uuid(), displayName: z.string() });

export const AlarmAcknowledgement = z.object({
  user: UserRef,
  at: z.string(),
  note: z.string().nullable(),
});

/** One alarm as its recipient sees it. No personal data: the case number, what is late, where, since when. */
export const AlarmItem = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    alarm: z.enum(ALARM_TYPES),
    kind: z.enum(['warning', 'breach']),
    level: z.number().int(),
    round: z.number().int(),
    deadlineKind: z.enum(DEADLINE_KINDS),
    /** What is late: the step's name, "first contact", or the referral. */
    subjectTh: z.string(),
    subjectEn: z.string(),
    unit: z.object({ id: z.uuid(), nameTh: z.string(), nameEn: z.string().nullable() }).nullable(),
    dueAt: z.string(),
    raisedAt: z.string(),
    lastRaisedAt: z.string(),
    /** When the deadline was met or ended (no more repeats). */
    resolvedAt: z.string().nullable(),
    acknowledgements: z.array(AlarmAcknowledgement),
    /** For the signed-in recipient: when they saw it in the app, and whether they have acknowledged it. */
    readAt: z.string().nullable(),
    acknowledgedByMe: z.boolean(),
  })
  .meta({ id: 'AlarmItem' });
export type AlarmItem = z.infer<typeof AlarmItem>;

export const MyAlarms = z
  .object({
    items: z.array(AlarmItem),
    unread: z.number().int(),
    /** Not acknowledged by me and not resolved. */
    open: z.number().int(),
  })
  .meta({ id: 'MyAlarms' });
export type MyAlarms = z.infer<typeof MyAlarms>;

export const MyAlarmsQuery = z.object({
  status: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AcknowledgeAlarmRequest = z
  .object({ note: z.string().trim().max(1000).optional() })
  .meta({ id: 'AcknowledgeAlarmRequest' });
export type AcknowledgeAlarmRequest = z.infer<typeof AcknowledgeAlarmRequest>;

export const DEADLINE_STATUSES = ['open', 'met', 'cancelled'] as const;

/** A case's clocks with their alarms: the case page's alarm history, and each step's met/breached result. */
export const CaseDeadline = z
  .object({
    id: z.uuid(),
    kind: z.enum(DEADLINE_KINDS),
    alarm: z.enum(ALARM_TYPES),
    subjectTh: z.string(),
    subjectEn: z.string(),
    unit: z.object({ id: z.uuid(), nameTh: z.string(), nameEn: z.string().nullable() }).nullable(),
    clock: z.enum(['24x7', 'business']),
    startedAt: z.string(),
    dueAt: z.string(),
    warnAt: z.string(),
    status: z.enum(DEADLINE_STATUSES),
    /** Recorded once: met in time, or breached (even if met later). Null while running in time. */
    result: z.enum(['met', 'breached']).nullable(),
    breachedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    alarms: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(['warning', 'breach']),
        level: z.number().int(),
        round: z.number().int(),
        raisedAt: z.string(),
        lastRaisedAt: z.string(),
        resolvedAt: z.string().nullable(),
        acknowledgements: z.array(AlarmAcknowledgement),
        /** Messages sent for it, by channel and status. */
        deliveries: z.array(z.object({ channel: z.enum(ALARM_CHANNELS), status: z.string(), count: z.number().int() })),
      }),
    ),
  })
  .meta({ id: 'CaseDeadline' });
export type CaseDeadline = z.infer<typeof CaseDeadline>;

export const CaseAlarmHistory = z.object({ deadlines: z.array(CaseDeadline) }).meta({ id: 'CaseAlarmHistory' });
export type CaseAlarmHistory = z.infer<typeof CaseAlarmHistory>;

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'digest'] as const;

/** An outgoing alarm message, for administrators watching deliveries. The address is masked. */
export const AlarmDelivery = z
  .object({
    id: z.uuid(),
    alarmId: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    level: z.number().int(),
    round: z.number().int(),
    channel: z.enum(ALARM_CHANNELS),
    recipient: UserRef,
    address: z.string().nullable(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'AlarmDelivery' });
export type AlarmDelivery = z.infer<typeof AlarmDelivery>;

export const AlarmDeliveryList = z
  .object({
    items: z.array(AlarmDelivery),
    counts: z.object({ pending: z.number().int(), failed: z.number().int(), digest: z.number().int() }),
  })
  .meta({ id: 'AlarmDeliveryList' });
export type AlarmDeliveryList = z.infer<typeof AlarmDeliveryList>;

export const AlarmDeliveryQuery = z.object({
  status: z.enum(['failed', 'pending', 'digest', 'sent']).default('failed'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** A one-time code a staff member sends to the OA to link their LINE account for alarms. */
export const LineLinkCode = z
  .object({ code: z.string(), expiresAt: z.string(), linked: z.boolean() })
  .meta({ id: 'LineLinkCode' });
export type LineLinkCode = z.infer<typeof LineLinkCode>;
