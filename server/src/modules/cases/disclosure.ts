import type { CaseAccessPage, CaseAccessQuery, CaseDisclosure } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isAllowed, type Principal, type RecordScope } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { enqueueEmail } from '../../platform/mail/outbox.ts';
import { emailsOfActionHolders } from '../identity/index.ts';

/** What masked free text (a narrative, an address) reads as. */
export const MASKED = '••••••';

/** "สมศรี ใจดี" → "ส•••• ใ•••": enough to tell two people apart in a list, not to identify anyone. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => {
      const letters = [...word];
      return letters.length <= 1 ? '•' : `${letters[0]}${'•'.repeat(Math.min(letters.length - 1, 6))}`;
    })
    .join(' ');
}

/** An ID or passport number: only its last three characters (what a caller may be asked to confirm). */
export function maskIdNumber(id: string): string {
  const compact = id.replace(/[\s-]/g, '');
  return compact.length <= 3 ? '•••' : `${'•'.repeat(compact.length - 3)}${compact.slice(-3)}`;
}

/** A phone number: its last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 4 ? '••••' : `${'•'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/**
 * How a case's protected fields read for one reader: in the clear, or masked.
 * Masked values are derived on the server; the clear text never leaves it.
 */
export function createViewer(fields: FieldProtector, masked: boolean) {
  const clear = (token: string | null, field: string) => (token === null ? null : fields.reveal(token, field));
  return {
    masked,
    text: (token: string, field: string): string => (masked ? MASKED : fields.reveal(token, field)),
    optionalText: (token: string | null, field: string): string | null =>
      token === null ? null : masked ? MASKED : fields.reveal(token, field),
    name: (token: string | null): string | null => {
      const value = clear(token, 'person.name');
      return value === null || !masked ? value : maskName(value);
    },
    idNumber: (token: string | null): string | null => {
      const value = clear(token, 'person.id_number');
      return value === null || !masked ? value : maskIdNumber(value);
    },
    phone: (token: string | null): string | null => {
      const value = clear(token, 'person.phone');
      return value === null || !masked ? value : maskPhone(value);
    },
  };
}
export type Viewer = ReturnType<typeof createViewer>;

export interface DisclosureActor {
  principal: Principal;
  requestId: string | null;
}

/**
 * Who sees identities: people whose `cases.identify` reaches the case (its
 * unit, province or ministry, or an open referral's unit). Everyone else who
 * may read the case sees them masked and may "break the glass": a stated
 * reason opens them for `revealMinutes`, is audited, and is told to their
 * supervisor (or, without one, to the data protection officers).
 */
export function createDisclosure({
  db,
  clock,
  fields,
  revealMinutes,
  appUrl,
}: {
  db: Kysely<Database>;
  clock: Clock;
  fields: FieldProtector;
  revealMinutes: number;
  appUrl: string;
}) {
  async function openedUntil(userId: string, caseId: string): Promise<Date | null> {
    const row = await db
      .selectFrom('case_reveal')
      .select(sql<Date | null>`max(expires_at)`.as('until'))
      .where('user_id', '=', userId)
      .where('case_id', '=', caseId)
      .where('expires_at', '>', clock.now())
      .executeTakeFirst();
    return row?.until ? new Date(row.until) : null;
  }

  /** How much of the case this reader sees. `scopes`: the case's own scope and its open referrals' units. */
  async function disclosureFor(
    actor: Principal,
    caseId: string,
    scopes: readonly RecordScope[],
    anonymised: boolean,
  ): Promise<CaseDisclosure> {
    if (anonymised) return { masked: false, canReveal: false, revealedUntil: null };
    if (scopes.some((scope) => isAllowed(actor, 'cases.identify', scope)))
      return { masked: false, canReveal: false, revealedUntil: null };
    const until = await openedUntil(actor.userId, caseId);
    return { masked: !until, canReveal: true, revealedUntil: until?.toISOString() ?? null };
  }

  /** Breaks the glass: the reason is kept (protected), the opening audited, the supervisor told by e-mail. */
  async function reveal(
    actor: DisclosureActor,
    kase: { id: string; case_number: string; scope: RecordScope & { ministryId: string | null } },
    reason: string,
  ): Promise<Date> {
    const now = clock.now();
    const until = new Date(now.getTime() + revealMinutes * 60_000);
    await db.transaction().execute(async (trx) => {
      const me = await trx
        .selectFrom('app_user')
        .select(['id', 'first_name_th', 'last_name_th', 'email', 'supervisor_id'])
        .where('id', '=', actor.principal.userId)
        .executeTakeFirstOrThrow();
      const supervisor = me.supervisor_id
        ? await trx
            .selectFrom('app_user')
            .select(['id', 'email', 'first_name_th'])
            .where('id', '=', me.supervisor_id)
            .where('status', '=', 'active')
            .executeTakeFirst()
        : undefined;
      const inserted = await trx
        .insertInto('case_reveal')
        .values({
          case_id: kase.id,
          user_id: me.id,
          reason_protected: fields.protect(reason, 'reveal.reason'),
          revealed_at: now,
          expires_at: until,
          supervisor_id: supervisor?.id ?? null,
          scope_unit_id: kase.scope.unitId,
          scope_province_code: kase.scope.provinceCode,
          scope_ministry_id: kase.scope.ministryId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(
        trx,
        { actorUserId: me.id, requestId: actor.requestId, now },
        {
          action: 'case.reveal',
          entityType: 'case',
          entityId: kase.id,
          // The reason stays in case_reveal, protected: it may itself say things about the people.
          after: { revealId: inserted.id, until: until.toISOString(), supervisorId: supervisor?.id ?? null },
          scope: kase.scope,
        },
      );
      // The supervisor, or where none is recorded, whoever looks after data protection (privacy.manage).
      const recipients = supervisor ? [supervisor.email] : await emailsOfActionHolders(trx, 'privacy.manage', me.id);
      const who = `${me.first_name_th} ${me.last_name_th} <${me.email}>`;
      const link = `${appUrl.replace(/\/+$/, '')}/privacy/reveals`;
      for (const to of recipients)
        await enqueueEmail(
          trx,
          {
            to,
            subject: `[OSCC] เปิดดูข้อมูลระบุตัวบุคคล เรื่อง ${kase.case_number} / Identities opened on case ${kase.case_number}`,
            text: [
              `${who} ได้เปิดดูข้อมูลระบุตัวบุคคลของเรื่อง ${kase.case_number} (break the glass)`,
              `เมื่อ ${now.toLocaleString('th-TH', { timeZone: 'Asia/Bangkok' })} ถึง ${until.toLocaleString('th-TH', { timeZone: 'Asia/Bangkok' })}`,
              `ตรวจสอบเหตุผลที่ระบุได้ที่ ${link}`,
              '',
              `${who} opened the identities in case ${kase.case_number} ("break the glass") until ${until.toISOString()}.`,
              `The reason they gave is on ${link} — please review it.`,
            ].join('\n'),
          },
          now,
        );
    });
    return until;
  }

  /** Who has seen the case: its views, attachment openings and glass-breakings, newest first. */
  async function accessLog(caseId: string, query: CaseAccessQuery): Promise<CaseAccessPage> {
    const base = db
      .selectFrom('audit_event')
      .where('audit_event.entity_type', '=', 'case')
      .where('audit_event.entity_id', '=', caseId)
      .where('audit_event.action', 'in', ['case.view', 'case.reveal', 'case.attachment.view']);
    const [rows, totals] = await Promise.all([
      base
        .leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id')
        .select([
          'audit_event.at',
          'audit_event.action',
          'audit_event.after_state',
          'audit_event.request_id',
          'app_user.id as user_id',
          'app_user.first_name_th',
          'app_user.last_name_th',
          'app_user.email',
        ])
        .orderBy('audit_event.at', 'desc')
        .orderBy('audit_event.id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base
        .select([
          sql<number>`count(*)::int`.as('total'),
          sql<number>`count(distinct audit_event.actor_user_id)::int`.as('people'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    const revealIds = rows.flatMap((r) => {
      const id = (r.after_state as { revealId?: unknown } | null)?.revealId;
      return r.action === 'case.reveal' && typeof id === 'string' ? [id] : [];
    });
    const reasons = new Map(
      revealIds.length
        ? (
            await db.selectFrom('case_reveal').select(['id', 'reason_protected']).where('id', 'in', revealIds).execute()
          ).map((r) => [r.id, fields.reveal(r.reason_protected, 'reveal.reason')])
        : [],
    );
    return {
      items: rows.map((r) => {
        const after = (r.after_state ?? {}) as { identified?: unknown; revealId?: unknown };
        const kind =
          r.action === 'case.reveal' ? 'reveal' : r.action === 'case.attachment.view' ? 'attachment' : 'view';
        return {
          at: new Date(r.at).toISOString(),
          kind,
          actor: r.user_id
            ? { id: r.user_id, displayName: `${r.first_name_th} ${r.last_name_th}`, email: r.email! }
            : null,
          // Views before masking existed showed everything; attachments are only opened identified.
          identified: kind !== 'view' || after.identified !== false,
          reason: typeof after.revealId === 'string' ? (reasons.get(after.revealId) ?? null) : null,
          requestId: r.request_id,
        };
      }),
      total: totals.total,
      people: totals.people,
      limit: query.limit,
      offset: query.offset,
    };
  }

  return { disclosureFor, reveal, accessLog, viewer: (masked: boolean) => createViewer(fields, masked) };
}

export type Disclosure = ReturnType<typeof createDisclosure>;
