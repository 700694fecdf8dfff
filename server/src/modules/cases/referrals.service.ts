import {
  type OfficeHours,
  type AnswerReferralRequest,
  type CaseState,
  type ProcedureStep,
  type Referral,
  type ReferralInboxQuery,
  type ReferralPage,
  type SendReferralRequest,
  type TransferReferralRequest,
} from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isAllowed, scopeFilter, type Principal, type RecordScope } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { syncCaseDeadlines } from '../alarms/index.ts';
import { moveCase } from '../intake/index.ts';
import { completeStep, loadUnitScope, parseSteps, startAcceptance, stepDue } from './case-steps.ts';

export interface ReferralActor {
  principal: Principal;
  requestId: string | null;
}

/** A day on the 24/7 clock: the acceptance time frame when a case has no procedure. */
const DEFAULT_ACCEPT: Pick<ProcedureStep, 'durationMinutes' | 'crisisDurationMinutes' | 'clock'> = {
  durationMinutes: 24 * 60,
  crisisDurationMinutes: null,
  clock: '24x7',
};

const OPEN = ['sent', 'accepted'] as const;

/**
 * Referrals: the screening desk (or a unit already working the case) sends a
 * case to a unit — the lead unit that answers for it, or another unit of the
 * multidisciplinary team; the unit accepts or declines with a reason, or
 * passes it on before accepting; the sender may revoke it. Each referral has
 * its own deadline to answer, from the case's procedure (the acceptance step's
 * time frame, the crisis one for a crisis), on the step's clock and the
 * receiving unit's office hours. Every change is versioned and audited; the
 * case moves through its states as the lead referral does.
 */
export function createReferralsService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  const unitScope = (unitId: string) => loadUnitScope(db, unitId);

  async function caseOf(caseId: string) {
    return db
      .selectFrom('case_file')
      .leftJoin('unit', 'unit.id', 'case_file.responsible_unit_id')
      .leftJoin('agency', 'agency.id', 'unit.agency_id')
      .leftJoin('procedure_version', 'procedure_version.id', 'case_file.procedure_version_id')
      .select([
        'case_file.id',
        'case_file.status',
        'case_file.crisis',
        'case_file.province_code',
        'case_file.responsible_unit_id',
        'agency.root_id as ministry_id',
        'procedure_version.steps',
      ])
      .where('case_file.id', '=', caseId)
      .executeTakeFirst();
  }

  /** The case, for someone on the sending side: the screening desk or a unit working the case. */
  async function senderSide(actor: Principal, caseId: string) {
    const kase = await caseOf(caseId);
    if (!kase) throw new AppError('NOT_FOUND');
    const scope = { unitId: kase.responsible_unit_id, provinceCode: kase.province_code, ministryId: kase.ministry_id };
    if (!isAllowed(actor, 'cases.screen', scope) && !isAllowed(actor, 'cases.work', scope))
      throw isAllowed(actor, 'cases.read', scope) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
    return { kase, scope };
  }

  /** When the unit must answer: the procedure's acceptance step, on its clock and the unit's hours. */
  function dueAt(steps: unknown, crisis: boolean, hours: OfficeHours, from: Date): Promise<Date> {
    const accept = parseSteps(steps).find((step) => step.completion === 'referral_accepted') ?? DEFAULT_ACCEPT;
    return stepDue(db, accept, crisis, hours, from);
  }

  async function load(referralId: string) {
    return db.selectFrom('referral').selectAll().where('id', '=', referralId).executeTakeFirst();
  }

  async function toReferrals(ids: string[]): Promise<Referral[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('referral')
      .innerJoin('case_file', 'case_file.id', 'referral.case_id')
      .innerJoin('unit', 'unit.id', 'referral.unit_id')
      .leftJoin('app_user', 'app_user.id', 'referral.sent_by')
      .select([
        'referral.id',
        'referral.case_id',
        'case_file.case_number',
        'case_file.crisis',
        'unit.id as unit_id',
        'unit.name_th',
        'unit.name_en',
        'referral.kind',
        'referral.status',
        'referral.note',
        'referral.sent_at',
        'referral.due_at',
        'app_user.id as sender_id',
        'app_user.first_name_th',
        'app_user.last_name_th',
        'referral.responded_at',
        'referral.response_reason',
        'referral.parent_referral_id',
        'referral.version',
      ])
      .where('referral.id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      return [
        {
          id: row.id,
          caseId: row.case_id,
          caseNumber: row.case_number,
          crisis: row.crisis,
          unit: { id: row.unit_id, nameTh: row.name_th, nameEn: row.name_en },
          kind: row.kind,
          status: row.status,
          note: row.note,
          sentAt: new Date(row.sent_at).toISOString(),
          dueAt: new Date(row.due_at).toISOString(),
          sentBy: row.sender_id ? { id: row.sender_id, displayName: `${row.first_name_th} ${row.last_name_th}` } : null,
          respondedAt: row.responded_at ? new Date(row.responded_at).toISOString() : null,
          responseReason: row.response_reason,
          parentReferralId: row.parent_referral_id,
          version: row.version,
        },
      ];
    });
  }

  async function one(referralId: string): Promise<Referral> {
    return (await toReferrals([referralId]))[0]!;
  }

  function audit(actor: ReferralActor, now: Date) {
    return { actorUserId: actor.principal.userId, requestId: actor.requestId, now };
  }

  /** A referral the actor's unit may answer: `cases.work` on the receiving unit. */
  async function answerable(actor: Principal, referralId: string, version: number) {
    const referral = await load(referralId);
    if (!referral) throw new AppError('NOT_FOUND');
    const unit = (await unitScope(referral.unit_id))!;
    if (!isAllowed(actor, 'cases.work', unit.scope))
      throw isAllowed(actor, 'cases.read', unit.scope) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
    if (referral.version !== version) throw new AppError('CONFLICT', { internal: 'stale referral version' });
    return { referral, unit };
  }

  /** Marks a referral answered — only from the status the caller saw, and only once. */
  async function answer(
    trx: Kysely<Database>,
    referralId: string,
    from: readonly string[],
    status: Referral['status'],
    actor: ReferralActor,
    reason: string | null,
    now: Date,
  ) {
    const updated = await trx
      .updateTable('referral')
      .set({
        status,
        responded_by: actor.principal.userId,
        responded_at: now,
        response_reason: reason,
        version: sql`version + 1`,
      })
      .where('id', '=', referralId)
      .where('status', 'in', [...from] as Referral['status'][])
      .returning('case_id')
      .executeTakeFirst();
    if (!updated) throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `referral not ${from.join('/')}` });
    // Answered: its clock stops.
    await syncCaseDeadlines(trx, updated.case_id, now);
  }

  /** The lead unit is gone (declined, revoked): the case goes back to the central queue if it was waiting. */
  async function backToTriage(trx: Kysely<Database>, caseId: string, actor: ReferralActor, reason: string, now: Date) {
    const kase = await trx.selectFrom('case_file').select('status').where('id', '=', caseId).executeTakeFirstOrThrow();
    if (kase.status !== 'referred') return;
    await trx.updateTable('case_file').set({ responsible_unit_id: null }).where('id', '=', caseId).execute();
    await moveCase(trx, { caseId, from: 'referred', to: 'triage', actorUserId: actor.principal.userId, reason, now });
  }

  async function insertReferral(
    trx: Kysely<Database>,
    values: {
      caseId: string;
      unitId: string;
      kind: 'lead' | 'team';
      note: string | null;
      actor: ReferralActor;
      now: Date;
      due: Date;
      parent: string | null;
    },
  ): Promise<string> {
    const row = await trx
      .insertInto('referral')
      .values({
        case_id: values.caseId,
        unit_id: values.unitId,
        kind: values.kind,
        status: 'sent',
        note: values.note,
        sent_by: values.actor.principal.userId,
        sent_at: values.now,
        due_at: values.due,
        parent_referral_id: values.parent,
      })
      .onConflict((conflict) => conflict.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('CONFLICT', { internal: 'already referred to this unit' });
    // Sent: the unit's clock to answer starts.
    await syncCaseDeadlines(trx, values.caseId, values.now);
    return row.id;
  }

  return {
    /**
     * Sends a case to a unit. The screening desk sends it (`cases.screen`), or
     * a unit working the case adds another unit to the team (`cases.work`).
     * A lead referral makes the unit the one that answers for the case.
     */
    async send(actor: ReferralActor, caseId: string, input: SendReferralRequest): Promise<Referral> {
      const { kase } = await senderSide(actor.principal, caseId);
      const unit = await unitScope(input.unitId);
      if (!unit || !unit.active)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'body.unitId', code: 'unknown_unit', message: 'ไม่พบหน่วยงานนี้ / No such active unit' }],
        });
      const status = kase.status as CaseState;
      const leadFrom: CaseState[] = ['new', 'triage', 'reopened'];
      if (
        input.kind === 'lead' ? !leadFrom.includes(status) : !['referred', 'in_progress', 'reopened'].includes(status)
      )
        throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `${input.kind} referral of a ${status} case` });
      const now = clock.now();
      const due = await dueAt(kase.steps, kase.crisis, unit.hours, now);
      const id = await db.transaction().execute(async (trx) => {
        const referralId = await insertReferral(trx, {
          caseId,
          unitId: unit.id,
          kind: input.kind,
          note: input.note ?? null,
          actor,
          now,
          due,
          parent: null,
        });
        if (input.kind === 'lead') {
          // Sending the lead referral is the end of screening: the case leaves the screening queue.
          await trx
            .updateTable('case_file')
            .set({
              responsible_unit_id: unit.id,
              screened_at: sql`coalesce(screened_at, ${now})`,
              screened_by: sql`coalesce(screened_by, ${actor.principal.userId}::uuid)`,
              version: sql`version + 1`,
            })
            .where('id', '=', caseId)
            .execute();
          await moveCase(trx, {
            caseId,
            from: status,
            to: 'referred',
            actorUserId: actor.principal.userId,
            reason: input.note ?? null,
            now,
            bumpVersion: false,
          });
          await startAcceptance(trx, caseId, due, now);
        }
        await recordAudit(trx, audit(actor, now), {
          action: 'referral.send',
          entityType: 'case',
          entityId: caseId,
          after: { referralId, unitId: unit.id, kind: input.kind, dueAt: due.toISOString() },
          scope: unit.scope,
        });
        return referralId;
      });
      return one(id);
    },

    /** The receiving unit takes the case: the lead unit's acceptance puts the case in progress. */
    async accept(actor: ReferralActor, referralId: string, input: AnswerReferralRequest): Promise<Referral> {
      const { referral, unit } = await answerable(actor.principal, referralId, input.version);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await answer(trx, referralId, ['sent'], 'accepted', actor, input.reason ?? null, now);
        if (referral.kind === 'lead') {
          await completeStep(trx, {
            caseId: referral.case_id,
            event: 'referral_accepted',
            actorUserId: actor.principal.userId,
            now,
          });
          const kase = await trx
            .selectFrom('case_file')
            .select('status')
            .where('id', '=', referral.case_id)
            .executeTakeFirstOrThrow();
          if (kase.status === 'referred')
            await moveCase(trx, {
              caseId: referral.case_id,
              from: 'referred',
              to: 'in_progress',
              actorUserId: actor.principal.userId,
              reason: 'referral accepted',
              now,
            });
        }
        await recordAudit(trx, audit(actor, now), {
          action: 'referral.accept',
          entityType: 'case',
          entityId: referral.case_id,
          after: { referralId, unitId: referral.unit_id },
          scope: unit.scope,
        });
      });
      return one(referralId);
    },

    /** The receiving unit cannot take it, and says why: a lead referral sends the case back to the central queue. */
    async decline(actor: ReferralActor, referralId: string, input: AnswerReferralRequest): Promise<Referral> {
      if (!input.reason)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'body.reason', code: 'required', message: 'กรุณาระบุเหตุผล / A reason is required' }],
        });
      const { referral, unit } = await answerable(actor.principal, referralId, input.version);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await answer(trx, referralId, ['sent'], 'declined', actor, input.reason!, now);
        if (referral.kind === 'lead')
          await backToTriage(trx, referral.case_id, actor, `referral declined: ${input.reason}`, now);
        await recordAudit(trx, audit(actor, now), {
          action: 'referral.decline',
          entityType: 'case',
          entityId: referral.case_id,
          after: { referralId, unitId: referral.unit_id, reason: input.reason },
          scope: unit.scope,
        });
      });
      return one(referralId);
    },

    /** Before accepting, the receiving unit passes the case to the unit that should have it. */
    async transfer(actor: ReferralActor, referralId: string, input: TransferReferralRequest): Promise<Referral> {
      const { referral, unit } = await answerable(actor.principal, referralId, input.version);
      const target = await unitScope(input.toUnitId);
      if (!target || !target.active || target.id === referral.unit_id)
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body.toUnitId',
              code: 'unknown_unit',
              message: 'เลือกหน่วยงานอื่นที่ใช้งานอยู่ / Choose another active unit',
            },
          ],
        });
      const kase = (await caseOf(referral.case_id))!;
      const now = clock.now();
      const due = await dueAt(kase.steps, kase.crisis, target.hours, now);
      const id = await db.transaction().execute(async (trx) => {
        await answer(trx, referralId, ['sent'], 'transferred', actor, input.reason, now);
        const next = await insertReferral(trx, {
          caseId: referral.case_id,
          unitId: target.id,
          kind: referral.kind,
          note: input.reason,
          actor,
          now,
          due,
          parent: referralId,
        });
        if (referral.kind === 'lead') {
          await trx
            .updateTable('case_file')
            .set({ responsible_unit_id: target.id, version: sql`version + 1` })
            .where('id', '=', referral.case_id)
            .execute();
          await startAcceptance(trx, referral.case_id, due, now);
        }
        await recordAudit(trx, audit(actor, now), {
          action: 'referral.transfer',
          entityType: 'case',
          entityId: referral.case_id,
          after: { referralId, to: next, fromUnitId: referral.unit_id, toUnitId: target.id, reason: input.reason },
          scope: unit.scope,
        });
        return next;
      });
      return one(id);
    },

    /** The sender withdraws a referral (screening desk, or a unit working the case). */
    async revoke(actor: ReferralActor, referralId: string, input: AnswerReferralRequest): Promise<Referral> {
      if (!input.reason)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'body.reason', code: 'required', message: 'กรุณาระบุเหตุผล / A reason is required' }],
        });
      const referral = await load(referralId);
      if (!referral) throw new AppError('NOT_FOUND');
      const { scope } = await senderSide(actor.principal, referral.case_id);
      if (referral.version !== input.version) throw new AppError('CONFLICT', { internal: 'stale referral version' });
      // The lead unit that took the case answers for it until it is closed: it is not withdrawn from under the work.
      if (referral.kind === 'lead' && referral.status === 'accepted')
        throw new AppError('TRANSITION_NOT_ALLOWED', { internal: 'revoke an accepted lead referral' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await answer(trx, referralId, OPEN, 'revoked', actor, input.reason!, now);
        if (referral.kind === 'lead')
          await backToTriage(trx, referral.case_id, actor, `referral revoked: ${input.reason}`, now);
        await recordAudit(trx, audit(actor, now), {
          action: 'referral.revoke',
          entityType: 'case',
          entityId: referral.case_id,
          after: { referralId, unitId: referral.unit_id, reason: input.reason },
          scope,
        });
      });
      return one(referralId);
    },

    /** A unit's inbox: referrals to the units the actor works for, the soonest due first. */
    async inbox(actor: Principal, query: ReferralInboxQuery): Promise<ReferralPage> {
      let list = db
        .selectFrom('referral')
        .innerJoin('unit', 'unit.id', 'referral.unit_id')
        .innerJoin('agency', 'agency.id', 'unit.agency_id')
        .select(['referral.id', sql<number>`count(*) over ()`.as('total')])
        .where(
          scopeFilter(actor, 'cases.work', {
            unitId: sql.ref('referral.unit_id'),
            provinceCode: sql.ref('unit.province_code'),
            ministryId: sql.ref('agency.root_id'),
          }),
        );
      if (query.unitId) list = list.where('referral.unit_id', '=', query.unitId);
      if (query.status === 'open') list = list.where('referral.status', 'in', [...OPEN]);
      const rows = await list
        .orderBy(sql`case when referral.status = 'sent' then 0 else 1 end`)
        .orderBy('referral.due_at')
        .orderBy('referral.seq')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      return {
        items: await toReferrals(rows.map((row) => row.id)),
        total: rows.length ? Number(rows[0]!.total) : 0,
        limit: query.limit,
        offset: query.offset,
      };
    },

    /** The referrals of one case, oldest first (for the case page). */
    async ofCase(caseId: string): Promise<Referral[]> {
      const rows = await db.selectFrom('referral').select('id').where('case_id', '=', caseId).orderBy('seq').execute();
      return toReferrals(rows.map((row) => row.id));
    },

    /** Units with an open referral of the case: they see the case while it lasts. */
    async openReferralScopes(caseId: string): Promise<RecordScope[]> {
      const rows = await db
        .selectFrom('referral')
        .innerJoin('unit', 'unit.id', 'referral.unit_id')
        .innerJoin('agency', 'agency.id', 'unit.agency_id')
        .select(['unit.id', 'unit.province_code', 'agency.root_id'])
        .where('referral.case_id', '=', caseId)
        .where('referral.status', 'in', [...OPEN])
        .execute();
      return rows.map((row) => ({ unitId: row.id, provinceCode: row.province_code, ministryId: row.root_id }));
    },
  };
}

export type ReferralsService = ReturnType<typeof createReferralsService>;
