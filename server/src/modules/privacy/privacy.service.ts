import {
  BREACH_NOTICE_HOURS,
  buddhistYear,
  SUBJECT_REQUEST_DAYS,
  type Breach,
  type BreachPage,
  type BreachQuery,
  type CloseSubjectRequest,
  type NewBreach,
  type NewSubjectRequest,
  type RetentionOverview,
  type RevealPage,
  type SubjectRequest,
  type SubjectRequestPage,
  type SubjectRequestQuery,
  type UpdateBreach,
} from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { scopeFilter, type Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { casesDueForAnonymising, countAnonymised } from './retention.ts';

export interface PrivacyActor {
  principal: Principal;
  requestId: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The data protection officer's registers: data subjects' requests with the
 * 30 days the law gives (s.30), breaches with the office's 72 hours (s.37(4)),
 * retention periods, and the review of every glass broken. Personal details
 * in the registers are field-protected like case data; every change is audited.
 */
export function createPrivacyService({
  db,
  clock,
  fields,
  retentionDefaultYears,
}: {
  db: Kysely<Database>;
  clock: Clock;
  fields: FieldProtector;
  retentionDefaultYears: number;
}) {
  const audit = (actor: PrivacyActor, now: Date) => ({
    actorUserId: actor.principal.userId,
    requestId: actor.requestId,
    now,
  });

  async function nextReference(trx: Kysely<Database>, kind: 'DSR' | 'BR', now: Date): Promise<string> {
    const yearBe = buddhistYear(now);
    const row = await trx
      .insertInto('privacy_counter')
      .values({ kind, year_be: yearBe, last_value: 1 })
      .onConflict((conflict) =>
        conflict.columns(['kind', 'year_be']).doUpdateSet({ last_value: sql`privacy_counter.last_value + 1` }),
      )
      .returning('last_value')
      .executeTakeFirstOrThrow();
    return `${kind}-${yearBe}-${String(row.last_value).padStart(4, '0')}`;
  }

  // ------------------------------------------------------------ data subjects' requests

  function requestQuery() {
    return db
      .selectFrom('subject_request')
      .leftJoin('case_file', 'case_file.id', 'subject_request.case_id')
      .leftJoin('app_user', 'app_user.id', 'subject_request.recorded_by')
      .select([
        'subject_request.id',
        'subject_request.reference',
        'subject_request.kind',
        'subject_request.requester_name_protected',
        'subject_request.contact_protected',
        'subject_request.details_protected',
        'subject_request.received_at',
        'subject_request.due_at',
        'subject_request.status',
        'subject_request.closed_at',
        'subject_request.outcome_protected',
        'case_file.id as case_id',
        'case_file.case_number',
        'app_user.id as recorder_id',
        'app_user.first_name_th',
        'app_user.last_name_th',
      ]);
  }
  type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['execute']>>[number];

  function toRequest(row: RequestRow, now: Date): SubjectRequest {
    const dueAt = new Date(row.due_at);
    return {
      id: row.id,
      reference: row.reference,
      kind: row.kind as SubjectRequest['kind'],
      requesterName: fields.reveal(row.requester_name_protected, 'dsr.requester_name'),
      contact: fields.reveal(row.contact_protected, 'dsr.contact'),
      details: fields.reveal(row.details_protected, 'dsr.details'),
      case: row.case_id ? { id: row.case_id, caseNumber: row.case_number! } : null,
      receivedAt: new Date(row.received_at).toISOString(),
      dueAt: dueAt.toISOString(),
      status: row.status as SubjectRequest['status'],
      overdue: row.status === 'open' && dueAt < now,
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
      outcome: fields.revealOptional(row.outcome_protected, 'dsr.outcome'),
      recordedBy: row.recorder_id
        ? { id: row.recorder_id, displayName: `${row.first_name_th} ${row.last_name_th}` }
        : null,
    };
  }

  async function getRequest(id: string): Promise<SubjectRequest> {
    const row = await requestQuery().where('subject_request.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return toRequest(row, clock.now());
  }

  // ------------------------------------------------------------ breaches

  function breachQuery() {
    return db
      .selectFrom('breach')
      .leftJoin('app_user', 'app_user.id', 'breach.recorded_by')
      .select([
        'breach.id',
        'breach.reference',
        'breach.title',
        'breach.description_protected',
        'breach.discovered_at',
        'breach.notify_by',
        'breach.affected_count',
        'breach.risk',
        'breach.office_notified_at',
        'breach.subjects_notified_at',
        'breach.measures',
        'breach.closed_at',
        'app_user.id as recorder_id',
        'app_user.first_name_th',
        'app_user.last_name_th',
      ]);
  }
  type BreachRow = Awaited<ReturnType<ReturnType<typeof breachQuery>['execute']>>[number];

  const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

  function toBreach(row: BreachRow, now: Date): Breach {
    const notifyBy = new Date(row.notify_by);
    return {
      id: row.id,
      reference: row.reference,
      title: row.title,
      description: fields.reveal(row.description_protected, 'breach.description'),
      discoveredAt: iso(row.discovered_at)!,
      notifyBy: notifyBy.toISOString(),
      affectedCount: row.affected_count,
      risk: row.risk as Breach['risk'],
      officeNotifiedAt: iso(row.office_notified_at),
      subjectsNotifiedAt: iso(row.subjects_notified_at),
      measures: row.measures,
      closedAt: iso(row.closed_at),
      // A breach unlikely to harm anyone needs no notice (s.37(4)); every other one does, within 72 hours.
      overdue: row.risk !== 'unlikely' && !row.office_notified_at && notifyBy < now,
      recordedBy: row.recorder_id
        ? { id: row.recorder_id, displayName: `${row.first_name_th} ${row.last_name_th}` }
        : null,
    };
  }

  async function getBreach(id: string): Promise<Breach> {
    const row = await breachQuery().where('breach.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return toBreach(row, clock.now());
  }

  return {
    async listRequests(query: SubjectRequestQuery): Promise<SubjectRequestPage> {
      const now = clock.now();
      let list = requestQuery();
      if (query.status === 'overdue')
        list = list.where('subject_request.status', '=', 'open').where('subject_request.due_at', '<', now);
      else if (query.status) list = list.where('subject_request.status', '=', query.status);
      const [rows, total] = await Promise.all([
        list
          .orderBy(sql`subject_request.status = 'open'`, 'desc')
          .orderBy('subject_request.due_at')
          .orderBy('subject_request.id')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        list
          .clearSelect()
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((row) => toRequest(row, now)),
        total: total.n,
        limit: query.limit,
        offset: query.offset,
      };
    },

    getRequest,

    async createRequest(actor: PrivacyActor, input: NewSubjectRequest): Promise<SubjectRequest> {
      const now = clock.now();
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
      if (receivedAt.getTime() > now.getTime() + 60_000) throw new AppError('VALIDATION_FAILED');
      const id = await db.transaction().execute(async (trx) => {
        let caseId: string | null = null;
        if (input.caseNumber) {
          const kase = await trx
            .selectFrom('case_file')
            .select('id')
            .where('case_number', '=', input.caseNumber)
            .executeTakeFirst();
          if (!kase) throw new AppError('NOT_FOUND', { internal: 'no case with that number' });
          caseId = kase.id;
        }
        const row = await trx
          .insertInto('subject_request')
          .values({
            reference: await nextReference(trx, 'DSR', now),
            kind: input.kind,
            requester_name_protected: fields.protect(input.requesterName, 'dsr.requester_name'),
            contact_protected: fields.protect(input.contact, 'dsr.contact'),
            details_protected: fields.protect(input.details, 'dsr.details'),
            case_id: caseId,
            received_at: receivedAt,
            due_at: new Date(receivedAt.getTime() + SUBJECT_REQUEST_DAYS * DAY_MS),
            recorded_by: actor.principal.userId,
            created_at: now,
          })
          .returning(['id', 'reference'])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, audit(actor, now), {
          action: 'privacy.request.create',
          entityType: 'subject_request',
          entityId: row.id,
          // Who asked stays protected in the register; the trail says what and about which case.
          after: { reference: row.reference, kind: input.kind, caseId, receivedAt: receivedAt.toISOString() },
        });
        return row.id;
      });
      return getRequest(id);
    },

    async closeRequest(actor: PrivacyActor, id: string, input: CloseSubjectRequest): Promise<SubjectRequest> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('subject_request')
          .set({
            status: input.status,
            closed_at: now,
            closed_by: actor.principal.userId,
            outcome_protected: fields.protect(input.outcome, 'dsr.outcome'),
          })
          .where('id', '=', id)
          .where('status', '=', 'open')
          .returning(['id', 'due_at'])
          .executeTakeFirst();
        if (!updated) {
          const exists = await trx.selectFrom('subject_request').select('id').where('id', '=', id).executeTakeFirst();
          throw new AppError(exists ? 'CONFLICT' : 'NOT_FOUND', { internal: 'request already closed' });
        }
        await recordAudit(trx, audit(actor, now), {
          action: 'privacy.request.close',
          entityType: 'subject_request',
          entityId: id,
          after: { status: input.status, late: new Date(updated.due_at) < now },
        });
      });
      return getRequest(id);
    },

    async listBreaches(query: BreachQuery): Promise<BreachPage> {
      const now = clock.now();
      let list = breachQuery();
      if (query.status === 'open') list = list.where('breach.closed_at', 'is', null);
      else if (query.status === 'closed') list = list.where('breach.closed_at', 'is not', null);
      else if (query.status === 'overdue')
        list = list
          .where('breach.risk', '<>', 'unlikely')
          .where('breach.office_notified_at', 'is', null)
          .where('breach.notify_by', '<', now);
      const [rows, total] = await Promise.all([
        list
          .orderBy(sql`breach.closed_at is null`, 'desc')
          .orderBy('breach.discovered_at', 'desc')
          .orderBy('breach.id')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        list
          .clearSelect()
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((row) => toBreach(row, now)), total: total.n, limit: query.limit, offset: query.offset };
    },

    getBreach,

    async createBreach(actor: PrivacyActor, input: NewBreach): Promise<Breach> {
      const now = clock.now();
      const discoveredAt = new Date(input.discoveredAt);
      if (discoveredAt.getTime() > now.getTime() + 60_000) throw new AppError('VALIDATION_FAILED');
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('breach')
          .values({
            reference: await nextReference(trx, 'BR', now),
            title: input.title,
            description_protected: fields.protect(input.description, 'breach.description'),
            discovered_at: discoveredAt,
            notify_by: new Date(discoveredAt.getTime() + BREACH_NOTICE_HOURS * 60 * 60 * 1000),
            affected_count: input.affectedCount,
            risk: input.risk,
            measures: input.measures,
            recorded_by: actor.principal.userId,
            created_at: now,
          })
          .returning(['id', 'reference', 'notify_by'])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, audit(actor, now), {
          action: 'privacy.breach.create',
          entityType: 'breach',
          entityId: row.id,
          after: {
            reference: row.reference,
            title: input.title,
            risk: input.risk,
            affectedCount: input.affectedCount,
            discoveredAt: discoveredAt.toISOString(),
          },
        });
        return row.id;
      });
      return getBreach(id);
    },

    async updateBreach(actor: PrivacyActor, id: string, input: UpdateBreach): Promise<Breach> {
      const now = clock.now();
      const future = (value: string | undefined) =>
        value !== undefined && new Date(value).getTime() > now.getTime() + 60_000;
      if (future(input.officeNotifiedAt) || future(input.subjectsNotifiedAt)) throw new AppError('VALIDATION_FAILED');
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('breach').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!before) throw new AppError('NOT_FOUND');
        if (before.closed_at) throw new AppError('CONFLICT', { internal: 'breach closed' });
        const changes = {
          ...(input.risk !== undefined && { risk: input.risk }),
          ...(input.affectedCount !== undefined && { affected_count: input.affectedCount }),
          ...(input.measures !== undefined && { measures: input.measures }),
          ...(input.officeNotifiedAt !== undefined && { office_notified_at: new Date(input.officeNotifiedAt) }),
          ...(input.subjectsNotifiedAt !== undefined && { subjects_notified_at: new Date(input.subjectsNotifiedAt) }),
          ...(input.close && { closed_at: now }),
        };
        if (Object.keys(changes).length === 0) return;
        await trx
          .updateTable('breach')
          .set({ ...changes, version: sql`version + 1` })
          .where('id', '=', id)
          .execute();
        await recordAudit(trx, audit(actor, now), {
          action: 'privacy.breach.update',
          entityType: 'breach',
          entityId: id,
          before: {
            risk: before.risk,
            affectedCount: before.affected_count,
            officeNotifiedAt: iso(before.office_notified_at),
            subjectsNotifiedAt: iso(before.subjects_notified_at),
          },
          after: { ...input },
        });
      });
      return getBreach(id);
    },

    async retention(): Promise<RetentionOverview> {
      const now = clock.now();
      const [policies, anonymised, due] = await Promise.all([
        db
          .selectFrom('problem_type')
          .leftJoin('retention_policy', 'retention_policy.problem_type_code', 'problem_type.code')
          .select([
            'problem_type.code',
            'problem_type.name_th',
            'problem_type.name_en',
            'retention_policy.retain_years',
          ])
          .orderBy('problem_type.sort_order')
          .execute(),
        countAnonymised(db),
        casesDueForAnonymising(db, now, retentionDefaultYears, 10_000).then((ids) => ids.length),
      ]);
      return {
        defaultYears: retentionDefaultYears,
        policies: policies.map((p) => ({
          problemType: p.code,
          nameTh: p.name_th,
          nameEn: p.name_en ?? p.name_th,
          retainYears: p.retain_years ?? retentionDefaultYears,
          isDefault: p.retain_years === null,
        })),
        anonymised,
        due,
      };
    },

    async setRetention(actor: PrivacyActor, problemType: string, retainYears: number): Promise<RetentionOverview> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const exists = await trx
          .selectFrom('problem_type')
          .select('code')
          .where('code', '=', problemType)
          .executeTakeFirst();
        if (!exists) throw new AppError('NOT_FOUND');
        const before = await trx
          .selectFrom('retention_policy')
          .select('retain_years')
          .where('problem_type_code', '=', problemType)
          .executeTakeFirst();
        await trx
          .insertInto('retention_policy')
          .values({
            problem_type_code: problemType,
            retain_years: retainYears,
            updated_at: now,
            updated_by: actor.principal.userId,
          })
          .onConflict((conflict) =>
            conflict
              .column('problem_type_code')
              .doUpdateSet({ retain_years: retainYears, updated_at: now, updated_by: actor.principal.userId }),
          )
          .execute();
        await recordAudit(trx, audit(actor, now), {
          action: 'privacy.retention.update',
          entityType: 'problem_type',
          entityId: problemType,
          before: { retainYears: before?.retain_years ?? null },
          after: { retainYears },
        });
      });
      return this.retention();
    },

    /** Every glass broken within the reader's `audit.read` scope, newest first, with the reasons given. */
    async reveals(actor: Principal, query: { limit: number; offset: number }): Promise<RevealPage> {
      const list = db
        .selectFrom('case_reveal')
        .innerJoin('case_file', 'case_file.id', 'case_reveal.case_id')
        .innerJoin('app_user as reader', 'reader.id', 'case_reveal.user_id')
        .leftJoin('app_user as supervisor', 'supervisor.id', 'case_reveal.supervisor_id')
        .where(
          scopeFilter(actor, 'audit.read', {
            unitId: sql.ref('case_reveal.scope_unit_id'),
            provinceCode: sql.ref('case_reveal.scope_province_code'),
            ministryId: sql.ref('case_reveal.scope_ministry_id'),
          }),
        );
      const [rows, total] = await Promise.all([
        list
          .select([
            'case_reveal.id',
            'case_reveal.case_id',
            'case_file.case_number',
            'case_reveal.reason_protected',
            'case_reveal.revealed_at',
            'case_reveal.expires_at',
            'reader.id as reader_id',
            'reader.first_name_th as reader_first',
            'reader.last_name_th as reader_last',
            'reader.email as reader_email',
            'supervisor.id as supervisor_id',
            'supervisor.first_name_th as supervisor_first',
            'supervisor.last_name_th as supervisor_last',
          ])
          .orderBy('case_reveal.revealed_at', 'desc')
          .orderBy('case_reveal.id')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        list.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          caseId: r.case_id,
          caseNumber: r.case_number,
          actor: { id: r.reader_id, displayName: `${r.reader_first} ${r.reader_last}`, email: r.reader_email },
          reason: fields.reveal(r.reason_protected, 'reveal.reason'),
          at: iso(r.revealed_at)!,
          until: iso(r.expires_at)!,
          supervisor: r.supervisor_id
            ? { id: r.supervisor_id, displayName: `${r.supervisor_first} ${r.supervisor_last}` }
            : null,
        })),
        total: total.n,
        limit: query.limit,
        offset: query.offset,
      };
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
