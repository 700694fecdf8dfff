import {
  type CaseAlarmHistory,
  type CaseClosure,
  type CaseFollowUp,
  type CaseNote,
  type CaseService,
  type CaseState,
  type CaseStepProgress,
  type CaseTask,
  type CaseWork,
  type CloseCaseRequest,
  type ClosureDecisionRequest,
  type CompleteStepRequest,
  type FinishTaskRequest,
  type NewCaseNoteRequest,
  type NewCaseServiceRequest,
  type NewCaseTaskRequest,
  type RecordFollowUpRequest,
  type ReopenCaseRequest,
  type SaveCasePlanRequest,
  type TimelineEntry,
} from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isAllowed, type Principal, type RecordScope } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { AlarmsService } from '../alarms/index.ts';
import { moveCase } from '../intake/index.ts';
import { createCaseAccess } from './case-access.ts';
import { completeStep, ensureSteps, loadUnitScope, openNext, parseSteps, rewindToClosure } from './case-steps.ts';
import type { ReferralsService } from './referrals.service.ts';

export interface WorkActor {
  principal: Principal;
  requestId: string | null;
}

const DAY_MS = 86_400_000;
/** States in which the team works the case (plan, services, tasks). */
const WORKING: readonly CaseState[] = ['in_progress', 'reopened', 'pending_closure'];
/** States from which the lead unit may ask to close. */
const CLOSABLE: readonly CaseState[] = ['in_progress', 'reopened'];

type UnitRef = { id: string; nameTh: string; nameEn: string | null };
type UserRef = { id: string; displayName: string };

const iso = (value: Date | string | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

function required(path: string, th: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ path, code: 'required', message: `${th} / ${en}` }] });
}

/**
 * Working a case: the procedure's steps as they run, notes (a contact with
 * the person and the team's screening complete their steps), services given,
 * the case plan (revisions, never overwritten), tasks for each unit of the
 * team, closure with the supervisor's approval where the procedure asks for
 * it, the follow-up that closing schedules, reopening — and one timeline.
 * The units that work a case are its lead unit and the units with an open
 * referral; everything is audited, and free text about people is encrypted.
 */
export function createCaseworkService({
  db,
  clock,
  fields,
  referrals,
  alarms,
}: {
  db: Kysely<Database>;
  clock: Clock;
  fields: FieldProtector;
  referrals: ReferralsService;
  alarms: Pick<AlarmsService, 'caseHistory'>;
}) {
  const { caseFor } = createCaseAccess(db, referrals);

  function audit(actor: WorkActor, now: Date) {
    return { actorUserId: actor.principal.userId, requestId: actor.requestId, now };
  }

  /** The case for someone working it, in one of `states`. */
  async function workable(actor: Principal, caseId: string, states: readonly CaseState[]) {
    const kase = await caseFor(actor, caseId, 'cases.work');
    if (!states.includes(kase.status as CaseState))
      throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `work on a ${kase.status} case` });
    return kase;
  }

  /** The unit the actor works the case for: their own unit if it is on the case, else the first unit that lets them. */
  function actingUnit(
    actor: Principal,
    kase: { direct: boolean; scope: RecordScope; viaReferral: RecordScope[] },
  ): string | null {
    const units = [...(kase.direct && kase.scope.unitId ? [kase.scope] : []), ...kase.viaReferral];
    return units.find((unit) => unit.unitId === actor.unitId)?.unitId ?? units[0]?.unitId ?? kase.scope.unitId ?? null;
  }

  /** The lead unit and the units with an open referral: who may be given a task. */
  async function teamUnits(caseId: string, leadUnitId: string | null) {
    const rows = await db
      .selectFrom('unit')
      .select(['unit.id', 'unit.name_th', 'unit.name_en'])
      .where((eb) =>
        eb.or([
          eb('unit.id', '=', leadUnitId ?? '00000000-0000-0000-0000-000000000000'),
          eb(
            'unit.id',
            'in',
            eb
              .selectFrom('referral')
              .select('referral.unit_id')
              .where('referral.case_id', '=', caseId)
              .where('referral.status', 'in', ['sent', 'accepted']),
          ),
        ]),
      )
      .orderBy('unit.name_th')
      .execute();
    return rows
      .map((row) => ({ id: row.id, nameTh: row.name_th, nameEn: row.name_en, lead: row.id === leadUnitId }))
      .sort((a, b) => Number(b.lead) - Number(a.lead));
  }

  async function names(userIds: (string | null)[], unitIds: (string | null)[]) {
    const users = [...new Set(userIds.filter((id): id is string => !!id))];
    const units = [...new Set(unitIds.filter((id): id is string => !!id))];
    const [userRows, unitRows] = await Promise.all([
      users.length
        ? db.selectFrom('app_user').select(['id', 'first_name_th', 'last_name_th']).where('id', 'in', users).execute()
        : [],
      units.length ? db.selectFrom('unit').select(['id', 'name_th', 'name_en']).where('id', 'in', units).execute() : [],
    ]);
    const userMap = new Map<string, UserRef>(
      userRows.map((u) => [u.id, { id: u.id, displayName: `${u.first_name_th} ${u.last_name_th}` }]),
    );
    const unitMap = new Map<string, UnitRef>(
      unitRows.map((u) => [u.id, { id: u.id, nameTh: u.name_th, nameEn: u.name_en }]),
    );
    return {
      user: (id: string | null) => (id ? (userMap.get(id) ?? null) : null),
      unit: (id: string | null) => (id ? (unitMap.get(id) ?? null) : null),
    };
  }

  async function loadTasks(where: { caseId?: string; ids?: string[] }): Promise<CaseTask[]> {
    let query = db
      .selectFrom('case_task')
      .innerJoin('case_file', 'case_file.id', 'case_task.case_id')
      .select([
        'case_task.id',
        'case_task.case_id',
        'case_file.case_number',
        'case_task.kind',
        'case_task.title_protected',
        'case_task.unit_id',
        'case_task.assignee_user_id',
        'case_task.due_at',
        'case_task.status',
        'case_task.created_by',
        'case_task.created_at',
        'case_task.done_at',
        'case_task.done_by',
        'case_task.result_protected',
        'case_task.version',
      ])
      .orderBy('case_task.seq');
    if (where.caseId) query = query.where('case_task.case_id', '=', where.caseId);
    if (where.ids) {
      if (where.ids.length === 0) return [];
      query = query.where('case_task.id', 'in', where.ids);
    }
    const rows = await query.execute();
    const n = await names(
      rows.flatMap((r) => [r.assignee_user_id, r.created_by, r.done_by]),
      rows.map((r) => r.unit_id),
    );
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      kind: r.kind,
      title: fields.reveal(r.title_protected, 'task.title'),
      unit: n.unit(r.unit_id)!,
      assignee: n.user(r.assignee_user_id),
      dueAt: iso(r.due_at)!,
      status: r.status,
      createdBy: n.user(r.created_by),
      createdAt: iso(r.created_at)!,
      doneAt: iso(r.done_at),
      doneBy: n.user(r.done_by),
      result: r.result_protected ? fields.reveal(r.result_protected, 'task.result') : null,
      version: r.version,
    }));
  }

  async function work(actor: Principal, caseId: string): Promise<CaseWork> {
    const kase = await caseFor(actor, caseId, 'cases.read');
    const [procedure, stepRows, noteRows, serviceRows, planRow, tasks, closureRows, followUpRows, team] =
      await Promise.all([
        db
          .selectFrom('case_file')
          .leftJoin('procedure_version', 'procedure_version.id', 'case_file.procedure_version_id')
          .select('procedure_version.steps')
          .where('case_file.id', '=', caseId)
          .executeTakeFirstOrThrow(),
        db.selectFrom('case_step').selectAll().where('case_id', '=', caseId).orderBy('position').execute(),
        db.selectFrom('case_note').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
        db.selectFrom('case_service').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
        db
          .selectFrom('case_plan')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('revision', 'desc')
          .limit(1)
          .executeTakeFirst(),
        loadTasks({ caseId }),
        db.selectFrom('case_closure').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
        db.selectFrom('case_follow_up').selectAll().where('case_id', '=', caseId).orderBy('recorded_at').execute(),
        teamUnits(caseId, kase.responsible_unit_id),
      ]);
    const n = await names(
      [
        ...stepRows.map((s) => s.done_by),
        ...noteRows.map((r) => r.author_user_id),
        ...serviceRows.map((r) => r.recorded_by),
        planRow?.recorded_by ?? null,
        ...closureRows.flatMap((r) => [r.requested_by, r.decided_by]),
        ...followUpRows.map((r) => r.recorded_by),
      ],
      [...noteRows.map((r) => r.unit_id), ...serviceRows.map((r) => r.provider_unit_id), planRow?.unit_id ?? null],
    );
    const definitions = parseSteps(procedure.steps);
    const stepState = new Map(stepRows.map((row) => [row.position, row]));
    const steps: CaseStepProgress[] = definitions.map((step, position) => {
      const row = stepState.get(position);
      const doneAt = iso(row?.done_at);
      const dueAt = iso(row?.due_at);
      return {
        position,
        code: step.code,
        nameTh: step.nameTh,
        nameEn: step.nameEn,
        responsible: step.responsible,
        completion: step.completion,
        requiresApproval: step.requiresApproval,
        status: row?.status ?? 'pending',
        openedAt: iso(row?.opened_at),
        dueAt,
        doneAt,
        doneBy: n.user(row?.done_by ?? null),
        late: !!doneAt && !!dueAt && doneAt > dueAt,
      };
    });
    const status = kase.status as CaseState;
    const leadWork = isAllowed(actor, 'cases.work', kase.scope);
    // Reading through a referral is not working through it: the open referrals' units the actor works for.
    const workUnits = kase.openUnits.filter((unit) => isAllowed(actor, 'cases.work', unit));
    const pending = closureRows.find((row) => row.status === 'pending');
    return {
      caseId,
      status,
      version: kase.version,
      steps,
      notes: noteRows.map((r): CaseNote => ({
        id: r.id,
        kind: r.kind,
        body: fields.reveal(r.body_protected, 'note.body'),
        contactMethod: r.contact_method as CaseNote['contactMethod'],
        unit: n.unit(r.unit_id),
        author: n.user(r.author_user_id),
        createdAt: iso(r.created_at)!,
      })),
      services: serviceRows.map((r): CaseService => ({
        id: r.id,
        serviceType: r.service_type as CaseService['serviceType'],
        provider: n.unit(r.provider_unit_id),
        providerName: r.provider_name,
        providedOn: r.provided_on,
        note: r.note_protected ? fields.reveal(r.note_protected, 'service.note') : null,
        recordedBy: n.user(r.recorded_by),
        recordedAt: iso(r.recorded_at)!,
      })),
      plan: planRow
        ? {
            revision: planRow.revision,
            assessment: fields.reveal(planRow.assessment_protected, 'plan.assessment'),
            goals: fields.reveal(planRow.goals_protected, 'plan.goals'),
            unit: n.unit(planRow.unit_id),
            recordedBy: n.user(planRow.recorded_by),
            recordedAt: iso(planRow.recorded_at)!,
          }
        : null,
      tasks,
      closures: closureRows.map((r): CaseClosure => ({
        id: r.id,
        reason: r.reason as CaseClosure['reason'],
        outcome: r.outcome,
        summary: fields.reveal(r.summary_protected, 'closure.summary'),
        followUpDays: r.follow_up_days,
        status: r.status,
        requiresApproval: r.requires_approval,
        requestedBy: n.user(r.requested_by),
        requestedAt: iso(r.requested_at)!,
        decidedBy: n.user(r.decided_by),
        decidedAt: iso(r.decided_at),
        decisionNote: r.decision_note,
      })),
      followUps: followUpRows.map((r): CaseFollowUp => ({
        id: r.id,
        taskId: r.task_id,
        outcome: r.outcome,
        contactMethod: r.contact_method as CaseFollowUp['contactMethod'],
        satisfaction: r.satisfaction,
        note: r.note_protected ? fields.reveal(r.note_protected, 'follow_up.note') : null,
        recordedBy: n.user(r.recorded_by),
        recordedAt: iso(r.recorded_at)!,
      })),
      can: {
        work: leadWork || workUnits.length > 0,
        close: leadWork && CLOSABLE.includes(status),
        decideClosure:
          status === 'pending_closure' &&
          isAllowed(actor, 'cases.approve', kase.scope) &&
          !!pending &&
          pending.requested_by !== actor.userId,
        reopen: status === 'closed' && (leadWork || isAllowed(actor, 'cases.approve', kase.scope)),
      },
      teamUnits: team,
    };
  }

  /** The procedure's closure step of a case: whether closing needs a supervisor, and the default follow-up. */
  async function closureRules(caseId: string) {
    const row = await db
      .selectFrom('case_file')
      .leftJoin('procedure_version', 'procedure_version.id', 'case_file.procedure_version_id')
      .select('procedure_version.steps')
      .where('case_file.id', '=', caseId)
      .executeTakeFirstOrThrow();
    const steps = parseSteps(row.steps);
    const closure = steps.find((step) => step.completion === 'closure_approved');
    const followUp = steps.find((step) => step.completion === 'follow_up_recorded');
    return {
      requiresApproval: closure?.requiresApproval ?? false,
      followUpDays: followUp ? Math.max(1, Math.round(followUp.durationMinutes / (24 * 60))) : 30,
    };
  }

  /** Closing for real: the case closes, its closure step is done and the follow-up becomes a task of the lead unit. */
  async function close(
    trx: Kysely<Database>,
    values: {
      caseId: string;
      from: CaseState;
      followUpDays: number;
      leadUnitId: string;
      requestedBy: string | null;
      actorUserId: string;
      reason: string;
      now: Date;
    },
  ) {
    await moveCase(trx, {
      caseId: values.caseId,
      from: values.from,
      to: 'closed',
      actorUserId: values.actorUserId,
      reason: values.reason,
      now: values.now,
    });
    const due = new Date(values.now.getTime() + values.followUpDays * DAY_MS);
    await trx
      .insertInto('case_task')
      .values({
        case_id: values.caseId,
        kind: 'follow_up',
        // The page names a follow-up task in the reader's language by its kind; the title is for the record.
        title_protected: fields.protect('ติดตามผลหลังยุติการให้บริการ', 'task.title'),
        unit_id: values.leadUnitId,
        assignee_user_id: values.requestedBy,
        due_at: due,
        status: 'open',
        created_by: values.actorUserId,
        created_at: values.now,
      })
      .execute();
    await completeStep(trx, {
      caseId: values.caseId,
      event: 'closure_approved',
      actorUserId: values.actorUserId,
      now: values.now,
      nextDue: due,
    });
  }

  async function loadTask(taskId: string) {
    const task = await db.selectFrom('case_task').selectAll().where('id', '=', taskId).executeTakeFirst();
    if (!task) throw new AppError('NOT_FOUND');
    return task;
  }

  /** A task someone may finish: its assignee, or someone who works for its unit. */
  async function finishable(actor: Principal, taskId: string, version: number) {
    const task = await loadTask(taskId);
    const unit = (await loadUnitScope(db, task.unit_id))!;
    const kase = await caseFor(actor, task.case_id, 'cases.read');
    if (task.assignee_user_id !== actor.userId && !isAllowed(actor, 'cases.work', unit.scope))
      throw new AppError('FORBIDDEN');
    if (task.status !== 'open') throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `task ${task.status}` });
    if (task.version !== version) throw new AppError('CONFLICT', { internal: 'stale task version' });
    return { task, unit, kase };
  }

  async function markTask(
    trx: Kysely<Database>,
    taskId: string,
    version: number,
    status: 'done' | 'cancelled',
    actorUserId: string,
    result: string,
    now: Date,
  ) {
    const updated = await trx
      .updateTable('case_task')
      .set({
        status,
        done_at: now,
        done_by: actorUserId,
        result_protected: fields.protect(result, 'task.result'),
        version: sql`version + 1`,
      })
      .where('id', '=', taskId)
      .where('status', '=', 'open')
      .where('version', '=', version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('CONFLICT', { internal: 'task changed meanwhile' });
  }

  return {
    work,

    /** A note, a contact with the person (completes "first contact") or the team's screening (completes it). */
    async addNote(actor: WorkActor, caseId: string, input: NewCaseNoteRequest): Promise<CaseWork> {
      const kase = await caseFor(actor.principal, caseId, 'cases.work');
      if (kase.status === 'merged') throw new AppError('TRANSITION_NOT_ALLOWED', { internal: 'note on a merged case' });
      if (input.kind === 'contact' && !input.contactMethod)
        throw required('body.contactMethod', 'ระบุวิธีการติดต่อ', 'Say how the person was contacted');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('case_note')
          .values({
            case_id: caseId,
            kind: input.kind,
            body_protected: fields.protect(input.body, 'note.body'),
            contact_method: input.kind === 'contact' ? (input.contactMethod ?? null) : null,
            unit_id: actingUnit(actor.principal, kase),
            author_user_id: actor.principal.userId,
            created_at: now,
          })
          .execute();
        if (input.kind !== 'note')
          await completeStep(trx, {
            caseId,
            event: input.kind === 'contact' ? 'first_contact' : 'screening_done',
            actorUserId: actor.principal.userId,
            now,
          });
        await recordAudit(trx, audit(actor, now), {
          action: 'case.note.add',
          entityType: 'case',
          entityId: caseId,
          after: { kind: input.kind },
          scope: kase.scope,
        });
      });
      return work(actor.principal, caseId);
    },

    /** A service given to the person: what, by whom, when. */
    async addService(actor: WorkActor, caseId: string, input: NewCaseServiceRequest): Promise<CaseWork> {
      const kase = await workable(actor.principal, caseId, WORKING);
      if (input.providerUnitId && !(await loadUnitScope(db, input.providerUnitId)))
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'body.providerUnitId', code: 'unknown_unit', message: 'ไม่พบหน่วยงานนี้ / No such unit' }],
        });
      const now = clock.now();
      if (
        input.providedOn > now.toISOString().slice(0, 10) &&
        new Date(input.providedOn).getTime() - now.getTime() > DAY_MS
      )
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body.providedOn',
              code: 'in_future',
              message: 'วันที่ให้บริการต้องไม่เป็นวันในอนาคต / The date of the service cannot be in the future',
            },
          ],
        });
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('case_service')
          .values({
            case_id: caseId,
            service_type: input.serviceType,
            provider_unit_id: input.providerUnitId ?? null,
            provider_name: input.providerName ?? null,
            provided_on: input.providedOn,
            note_protected: input.note ? fields.protect(input.note, 'service.note') : null,
            unit_id: actingUnit(actor.principal, kase),
            recorded_by: actor.principal.userId,
            recorded_at: now,
          })
          .execute();
        await completeStep(trx, { caseId, event: 'service_recorded', actorUserId: actor.principal.userId, now });
        await recordAudit(trx, audit(actor, now), {
          action: 'case.service.add',
          entityType: 'case',
          entityId: caseId,
          after: { serviceType: input.serviceType, providedOn: input.providedOn },
          scope: kase.scope,
        });
      });
      return work(actor.principal, caseId);
    },

    /** A new revision of the case plan — only on top of the latest one (else 409: someone else wrote meanwhile). */
    async savePlan(actor: WorkActor, caseId: string, input: SaveCasePlanRequest): Promise<CaseWork> {
      const kase = await workable(actor.principal, caseId, WORKING);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const latest = await trx
          .selectFrom('case_plan')
          .select(sql<number>`coalesce(max(revision), 0)::int`.as('revision'))
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow();
        if (latest.revision !== input.baseRevision)
          throw new AppError('CONFLICT', { internal: `plan revision ${latest.revision}, not ${input.baseRevision}` });
        // The primary key (case, revision) refuses a second writer who passed the check at the same moment.
        const inserted = await trx
          .insertInto('case_plan')
          .values({
            case_id: caseId,
            revision: input.baseRevision + 1,
            assessment_protected: fields.protect(input.assessment, 'plan.assessment'),
            goals_protected: fields.protect(input.goals, 'plan.goals'),
            unit_id: actingUnit(actor.principal, kase),
            recorded_by: actor.principal.userId,
            recorded_at: now,
          })
          .onConflict((conflict) => conflict.columns(['case_id', 'revision']).doNothing())
          .returning('revision')
          .executeTakeFirst();
        if (!inserted) throw new AppError('CONFLICT', { internal: 'plan written meanwhile' });
        await completeStep(trx, { caseId, event: 'plan_recorded', actorUserId: actor.principal.userId, now });
        await recordAudit(trx, audit(actor, now), {
          action: 'case.plan.save',
          entityType: 'case',
          entityId: caseId,
          after: { revision: input.baseRevision + 1 },
          scope: kase.scope,
        });
      });
      return work(actor.principal, caseId);
    },

    /** A task for a unit of the team (the lead unit or one with an open referral), maybe for one of its people. */
    async addTask(actor: WorkActor, caseId: string, input: NewCaseTaskRequest): Promise<CaseWork> {
      const kase = await workable(actor.principal, caseId, WORKING);
      const team = await teamUnits(caseId, kase.responsible_unit_id);
      if (!team.some((unit) => unit.id === input.unitId))
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body.unitId',
              code: 'not_on_team',
              message: 'หน่วยงานนี้ไม่ได้ร่วมดูแลเรื่องนี้ / This unit is not working on the case',
            },
          ],
        });
      if (input.assigneeUserId) {
        const member = await db
          .selectFrom('app_user')
          .select('id')
          .where('id', '=', input.assigneeUserId)
          .where('unit_id', '=', input.unitId)
          .where('status', '=', 'active')
          .executeTakeFirst();
        if (!member)
          throw new AppError('VALIDATION_FAILED', {
            fields: [
              {
                path: 'body.assigneeUserId',
                code: 'not_in_unit',
                message: 'ผู้รับผิดชอบต้องเป็นผู้ใช้ที่ใช้งานอยู่ในหน่วยงานนั้น / The assignee must be an active member of that unit',
              },
            ],
          });
      }
      const now = clock.now();
      const due = new Date(input.dueAt);
      if (due.getTime() <= now.getTime())
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            { path: 'body.dueAt', code: 'in_past', message: 'กำหนดเสร็จต้องเป็นเวลาในอนาคต / The due time must be ahead' },
          ],
        });
      await db.transaction().execute(async (trx) => {
        const task = await trx
          .insertInto('case_task')
          .values({
            case_id: caseId,
            kind: 'task',
            title_protected: fields.protect(input.title, 'task.title'),
            unit_id: input.unitId,
            assignee_user_id: input.assigneeUserId ?? null,
            due_at: due,
            status: 'open',
            created_by: actor.principal.userId,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, audit(actor, now), {
          action: 'case.task.add',
          entityType: 'case',
          entityId: caseId,
          after: { taskId: task.id, unitId: input.unitId, dueAt: due.toISOString() },
          scope: kase.scope,
        });
      });
      return work(actor.principal, caseId);
    },

    /** Finishes a task with its result (a follow-up task is finished by recording the follow-up). */
    async finishTask(actor: WorkActor, taskId: string, input: FinishTaskRequest): Promise<CaseTask> {
      const { task, kase } = await finishable(actor.principal, taskId, input.version);
      if (task.kind === 'follow_up') throw new AppError('TRANSITION_NOT_ALLOWED', { internal: 'record the follow-up' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await markTask(trx, taskId, input.version, 'done', actor.principal.userId, input.result, now);
        await completeStep(trx, { caseId: task.case_id, event: 'task_done', actorUserId: actor.principal.userId, now });
        await recordAudit(trx, audit(actor, now), {
          action: 'case.task.done',
          entityType: 'case',
          entityId: task.case_id,
          after: { taskId },
          scope: kase.scope,
        });
      });
      return (await loadTasks({ ids: [taskId] }))[0]!;
    },

    /** Marks by hand a running step that is completed by a task of its own (`task_done`), with a note. */
    async completeStepByHand(
      actor: WorkActor,
      caseId: string,
      position: number,
      input: CompleteStepRequest,
    ): Promise<CaseWork> {
      const kase = await workable(actor.principal, caseId, WORKING);
      if (kase.version !== input.version) throw new AppError('CONFLICT', { internal: 'stale case version' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const steps = await ensureSteps(trx, caseId);
        const step = steps[position];
        const row = await trx
          .selectFrom('case_step')
          .select('status')
          .where('case_id', '=', caseId)
          .where('position', '=', position)
          .executeTakeFirst();
        if (!step || !row) throw new AppError('NOT_FOUND');
        if (step.completion !== 'task_done' || row.status !== 'open')
          throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `step ${step.code} is done by its own event` });
        await trx
          .updateTable('case_step')
          .set({ status: 'done', done_at: now, done_by: actor.principal.userId, done_event: 'task_done' })
          .where('case_id', '=', caseId)
          .where('position', '=', position)
          .where('status', '=', 'open')
          .execute();
        await trx
          .insertInto('case_note')
          .values({
            case_id: caseId,
            kind: 'note',
            body_protected: fields.protect(input.note, 'note.body'),
            unit_id: actingUnit(actor.principal, kase),
            author_user_id: actor.principal.userId,
            created_at: now,
          })
          .execute();
        // The next step runs now (not "complete the next task step": this one was the one done).
        await openNext(trx, caseId, now);
        await recordAudit(trx, audit(actor, now), {
          action: 'case.step.done',
          entityType: 'case',
          entityId: caseId,
          after: { step: step.code },
          scope: kase.scope,
        });
      });
      return work(actor.principal, caseId);
    },

    /**
     * The lead unit asks to close the case, with the reason and the outcome.
     * Where the procedure asks for a supervisor's approval the case waits for
     * it (pending closure); otherwise it closes at once and the follow-up is
     * scheduled.
     */
    async requestClosure(actor: WorkActor, caseId: string, input: CloseCaseRequest): Promise<CaseWork> {
      const kase = await caseFor(actor.principal, caseId, 'cases.read');
      if (!isAllowed(actor.principal, 'cases.work', kase.scope)) throw new AppError('FORBIDDEN');
      const status = kase.status as CaseState;
      if (!CLOSABLE.includes(status))
        throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `close a ${status} case` });
      if (kase.version !== input.version) throw new AppError('CONFLICT', { internal: 'stale case version' });
      if (!kase.responsible_unit_id) throw new AppError('TRANSITION_NOT_ALLOWED', { internal: 'no lead unit' });
      const rules = await closureRules(caseId);
      const followUpDays = input.followUpDays ?? rules.followUpDays;
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const closure = await trx
          .insertInto('case_closure')
          .values({
            case_id: caseId,
            reason: input.reason,
            outcome: input.outcome,
            summary_protected: fields.protect(input.summary, 'closure.summary'),
            follow_up_days: followUpDays,
            requires_approval: rules.requiresApproval,
            status: rules.requiresApproval ? 'pending' : 'approved',
            requested_by: actor.principal.userId,
            requested_at: now,
            decided_by: rules.requiresApproval ? null : actor.principal.userId,
            decided_at: rules.requiresApproval ? null : now,
          })
          .onConflict((conflict) => conflict.doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!closure) throw new AppError('CONFLICT', { internal: 'a closure is already pending' });
        if (rules.requiresApproval)
          await moveCase(trx, {
            caseId,
            from: status,
            to: 'pending_closure',
            actorUserId: actor.principal.userId,
            reason: input.reason,
            now,
          });
        else
          await close(trx, {
            caseId,
            from: status,
            followUpDays,
            leadUnitId: kase.responsible_unit_id!,
            requestedBy: actor.principal.userId,
            actorUserId: actor.principal.userId,
            reason: input.reason,
            now,
          });
        await recordAudit(trx, audit(actor, now), {
          action: 'case.closure.request',
          entityType: 'case',
          entityId: caseId,
          after: { reason: input.reason, outcome: input.outcome, requiresApproval: rules.requiresApproval },
          scope: kase.scope,
        });
      });
      return work(actor.principal, caseId);
    },

    /** A supervisor (not the one who asked) approves the closure — the case closes — or sends it back with a note. */
    async decideClosure(actor: WorkActor, caseId: string, input: ClosureDecisionRequest): Promise<CaseWork> {
      const kase = await caseFor(actor.principal, caseId, 'cases.read');
      if (!isAllowed(actor.principal, 'cases.approve', kase.scope)) throw new AppError('FORBIDDEN');
      if (kase.status !== 'pending_closure')
        throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `decide closure of a ${kase.status} case` });
      if (kase.version !== input.version) throw new AppError('CONFLICT', { internal: 'stale case version' });
      if (!input.approve && !input.note) throw required('body.note', 'ระบุเหตุผลที่ส่งกลับ', 'Say why it goes back');
      const pending = await db
        .selectFrom('case_closure')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (!pending) throw new AppError('TRANSITION_NOT_ALLOWED', { internal: 'no pending closure' });
      if (pending.requested_by === actor.principal.userId) throw new AppError('SELF_APPROVAL');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const decided = await trx
          .updateTable('case_closure')
          .set({
            status: input.approve ? 'approved' : 'rejected',
            decided_by: actor.principal.userId,
            decided_at: now,
            decision_note: input.note ?? null,
          })
          .where('id', '=', pending.id)
          .where('status', '=', 'pending')
          .returning('id')
          .executeTakeFirst();
        if (!decided) throw new AppError('CONFLICT', { internal: 'closure decided meanwhile' });
        if (input.approve)
          await close(trx, {
            caseId,
            from: 'pending_closure',
            followUpDays: pending.follow_up_days,
            leadUnitId: kase.responsible_unit_id!,
            requestedBy: pending.requested_by,
            actorUserId: actor.principal.userId,
            reason: input.note ?? pending.reason,
            now,
          });
        else
          await moveCase(trx, {
            caseId,
            from: 'pending_closure',
            to: 'in_progress',
            actorUserId: actor.principal.userId,
            reason: input.note ?? null,
            now,
          });
        await recordAudit(trx, audit(actor, now), {
          action: input.approve ? 'case.closure.approve' : 'case.closure.reject',
          entityType: 'case',
          entityId: caseId,
          after: { closureId: pending.id },
          scope: kase.scope,
        });
      });
      return work(actor.principal, caseId);
    },

    /** The follow-up after closure: how the person is, how satisfied they are; it finishes the follow-up task. */
    async recordFollowUp(actor: WorkActor, taskId: string, input: RecordFollowUpRequest): Promise<CaseWork> {
      const { task, kase } = await finishable(actor.principal, taskId, input.version);
      if (task.kind !== 'follow_up') throw new AppError('TRANSITION_NOT_ALLOWED', { internal: 'not a follow-up' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('case_follow_up')
          .values({
            case_id: task.case_id,
            task_id: taskId,
            outcome: input.outcome,
            contact_method: input.contactMethod,
            satisfaction: input.satisfaction,
            note_protected: input.note ? fields.protect(input.note, 'follow_up.note') : null,
            recorded_by: actor.principal.userId,
            recorded_at: now,
          })
          .execute();
        await markTask(trx, taskId, input.version, 'done', actor.principal.userId, input.outcome, now);
        await completeStep(trx, {
          caseId: task.case_id,
          event: 'follow_up_recorded',
          actorUserId: actor.principal.userId,
          now,
        });
        await recordAudit(trx, audit(actor, now), {
          action: 'case.follow_up.record',
          entityType: 'case',
          entityId: task.case_id,
          after: { taskId, outcome: input.outcome, satisfaction: input.satisfaction },
          scope: kase.scope,
        });
      });
      return work(actor.principal, task.case_id);
    },

    /** A closed case is opened again, with the reason: closure and follow-up are to be done again. */
    async reopen(actor: WorkActor, caseId: string, input: ReopenCaseRequest): Promise<CaseWork> {
      const kase = await caseFor(actor.principal, caseId, 'cases.read');
      if (
        !isAllowed(actor.principal, 'cases.work', kase.scope) &&
        !isAllowed(actor.principal, 'cases.approve', kase.scope)
      )
        throw new AppError('FORBIDDEN');
      if (kase.status !== 'closed')
        throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `reopen a ${kase.status} case` });
      if (kase.version !== input.version) throw new AppError('CONFLICT', { internal: 'stale case version' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await moveCase(trx, {
          caseId,
          from: 'closed',
          to: 'reopened',
          actorUserId: actor.principal.userId,
          reason: input.reason,
          now,
        });
        await trx
          .updateTable('case_task')
          .set({
            status: 'cancelled',
            done_at: now,
            done_by: actor.principal.userId,
            result_protected: fields.protect(`เปิดเรื่องใหม่ / Reopened: ${input.reason}`, 'task.result'),
            version: sql`version + 1`,
          })
          .where('case_id', '=', caseId)
          .where('kind', '=', 'follow_up')
          .where('status', '=', 'open')
          .execute();
        await rewindToClosure(trx, caseId, now);
        await recordAudit(trx, audit(actor, now), {
          action: 'case.reopen',
          entityType: 'case',
          entityId: caseId,
          after: { reason: input.reason },
          scope: kase.scope,
        });
      });
      return work(actor.principal, caseId);
    },

    /** Everything that happened to the case, in order: intake, states, referrals, steps, notes, services, plan, tasks, files, closure, follow-up. */
    /** The case's clocks, their met/breached results and every alarm raised on them, with acknowledgements (audited). */
    async alarmHistory(actor: WorkActor, caseId: string): Promise<CaseAlarmHistory> {
      const kase = await caseFor(actor.principal, caseId, 'cases.read');
      await recordAudit(db, audit(actor, clock.now()), {
        action: 'case.view',
        entityType: 'case',
        entityId: caseId,
        after: { part: 'alarms', identified: false },
        scope: kase.scope,
      });
      return alarms.caseHistory(caseId);
    },

    async timeline(actor: WorkActor, caseId: string): Promise<TimelineEntry[]> {
      const kase = await caseFor(actor.principal, caseId, 'cases.read');
      await recordAudit(db, audit(actor, clock.now()), {
        action: 'case.view',
        entityType: 'case',
        entityId: caseId,
        after: { part: 'timeline', identified: false },
        scope: kase.scope,
      });
      const [
        contacts,
        transitions,
        referralRows,
        stepRows,
        procedure,
        notes,
        services,
        plans,
        tasks,
        files,
        closures,
        followUps,
      ] = await Promise.all([
        db
          .selectFrom('intake_contact')
          .select(['received_at', 'channel', 'outcome', 'received_by'])
          .where('case_id', '=', caseId)
          .execute(),
        db.selectFrom('case_transition').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
        db.selectFrom('referral').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
        db
          .selectFrom('case_step')
          .selectAll()
          .where('case_id', '=', caseId)
          .where('status', '=', 'done')
          .orderBy('position')
          .execute(),
        db
          .selectFrom('case_file')
          .leftJoin('procedure_version', 'procedure_version.id', 'case_file.procedure_version_id')
          .select('procedure_version.steps')
          .where('case_file.id', '=', caseId)
          .executeTakeFirstOrThrow(),
        db.selectFrom('case_note').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
        db.selectFrom('case_service').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
        db.selectFrom('case_plan').selectAll().where('case_id', '=', caseId).orderBy('revision').execute(),
        db.selectFrom('case_task').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
        db
          .selectFrom('case_attachment')
          .select(['created_at', 'media_type', 'source', 'uploaded_by'])
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute(),
        db.selectFrom('case_closure').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
        db.selectFrom('case_follow_up').selectAll().where('case_id', '=', caseId).orderBy('recorded_at').execute(),
      ]);
      const n = await names(
        [
          ...contacts.map((r) => r.received_by),
          ...transitions.map((r) => r.actor_user_id),
          ...referralRows.flatMap((r) => [r.sent_by, r.responded_by]),
          ...stepRows.map((r) => r.done_by),
          ...notes.map((r) => r.author_user_id),
          ...services.map((r) => r.recorded_by),
          ...plans.map((r) => r.recorded_by),
          ...tasks.flatMap((r) => [r.created_by, r.done_by]),
          ...files.map((r) => r.uploaded_by),
          ...closures.flatMap((r) => [r.requested_by, r.decided_by]),
          ...followUps.map((r) => r.recorded_by),
        ],
        [
          ...referralRows.map((r) => r.unit_id),
          ...notes.map((r) => r.unit_id),
          ...services.flatMap((r) => [r.unit_id, r.provider_unit_id]),
          ...plans.map((r) => r.unit_id),
          ...tasks.map((r) => r.unit_id),
        ],
      );
      const definitions = parseSteps(procedure.steps);
      const entries: (TimelineEntry & { order: number })[] = [];
      let order = 0;
      const add = (entry: Omit<TimelineEntry, 'at'> & { at: Date | string }) =>
        entries.push({ ...entry, at: iso(entry.at)!, order: order++ });
      for (const c of contacts)
        add({
          at: c.received_at,
          kind: 'contact',
          actor: n.user(c.received_by),
          unit: null,
          text: null,
          details: { channel: c.channel, outcome: c.outcome },
        });
      for (const t of transitions)
        add({
          at: t.at,
          kind: 'state',
          actor: n.user(t.actor_user_id),
          unit: null,
          text: t.reason,
          details: { from: t.from_status, to: t.to_status },
        });
      for (const r of referralRows) {
        add({
          at: r.sent_at,
          kind: 'referral_sent',
          actor: n.user(r.sent_by),
          unit: n.unit(r.unit_id),
          text: r.note,
          details: { referralKind: r.kind, dueAt: iso(r.due_at) },
        });
        if (r.responded_at)
          add({
            at: r.responded_at,
            kind: 'referral_answered',
            actor: n.user(r.responded_by),
            unit: n.unit(r.unit_id),
            text: r.response_reason,
            details: { status: r.status, referralKind: r.kind },
          });
      }
      for (const s of stepRows) {
        const step = definitions[s.position];
        add({
          at: s.done_at!,
          kind: 'step_done',
          actor: n.user(s.done_by),
          unit: null,
          text: null,
          details: {
            code: s.code,
            nameTh: step?.nameTh ?? s.code,
            nameEn: step?.nameEn ?? s.code,
            late: !!s.due_at && !!s.done_at && new Date(s.done_at) > new Date(s.due_at),
          },
        });
      }
      for (const note of notes)
        add({
          at: note.created_at,
          kind: 'note',
          actor: n.user(note.author_user_id),
          unit: n.unit(note.unit_id),
          text: fields.reveal(note.body_protected, 'note.body'),
          details: { noteKind: note.kind, contactMethod: note.contact_method },
        });
      for (const s of services)
        add({
          at: s.recorded_at,
          kind: 'service',
          actor: n.user(s.recorded_by),
          unit: n.unit(s.unit_id),
          text: s.note_protected ? fields.reveal(s.note_protected, 'service.note') : null,
          details: {
            serviceType: s.service_type,
            providedOn: s.provided_on,
            provider: n.unit(s.provider_unit_id)?.nameTh ?? s.provider_name,
          },
        });
      for (const p of plans)
        add({
          at: p.recorded_at,
          kind: 'plan',
          actor: n.user(p.recorded_by),
          unit: n.unit(p.unit_id),
          text: fields.reveal(p.goals_protected, 'plan.goals'),
          details: { revision: p.revision },
        });
      for (const task of tasks) {
        const title = fields.reveal(task.title_protected, 'task.title');
        add({
          at: task.created_at,
          kind: 'task_created',
          actor: n.user(task.created_by),
          unit: n.unit(task.unit_id),
          text: title,
          details: { taskKind: task.kind, dueAt: iso(task.due_at) },
        });
        if (task.done_at)
          add({
            at: task.done_at,
            kind: 'task_done',
            actor: n.user(task.done_by),
            unit: n.unit(task.unit_id),
            text: task.result_protected ? fields.reveal(task.result_protected, 'task.result') : null,
            details: { taskKind: task.kind, status: task.status, title },
          });
      }
      for (const f of files)
        add({
          at: f.created_at,
          kind: 'attachment',
          actor: n.user(f.uploaded_by),
          unit: null,
          text: null,
          details: { mediaType: f.media_type, source: f.source },
        });
      for (const c of closures) {
        add({
          at: c.requested_at,
          kind: 'closure_requested',
          actor: n.user(c.requested_by),
          unit: null,
          text: fields.reveal(c.summary_protected, 'closure.summary'),
          details: { reason: c.reason, outcome: c.outcome, requiresApproval: c.requires_approval },
        });
        if (c.decided_at && c.requires_approval)
          add({
            at: c.decided_at,
            kind: 'closure_decided',
            actor: n.user(c.decided_by),
            unit: null,
            text: c.decision_note,
            details: { approved: c.status === 'approved' },
          });
      }
      for (const f of followUps)
        add({
          at: f.recorded_at,
          kind: 'follow_up',
          actor: n.user(f.recorded_by),
          unit: null,
          text: f.note_protected ? fields.reveal(f.note_protected, 'follow_up.note') : null,
          details: { outcome: f.outcome, satisfaction: f.satisfaction, contactMethod: f.contact_method },
        });
      return entries
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order))
        .map(({ order: _order, ...entry }) => entry);
    },

    /** Tasks by id, for "my work". */
    loadTasks,
  };
}

export type CaseworkService = ReturnType<typeof createCaseworkService>;
