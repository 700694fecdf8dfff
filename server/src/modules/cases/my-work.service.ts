import { OPEN_CASE_STATES, type MyWork, type MyWorkItem } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { scopeFilter, type Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { caseMinistry } from './case-access.ts';
import { parseSteps } from './case-steps.ts';

/** How many items "my work" lists (the soonest due); more is flagged as truncated. */
const LIMIT = 200;

/**
 * "My work": what a person must do next, the soonest due first, with the time
 * left on each — referrals to their unit waiting for an answer, the running
 * steps of the cases their unit leads (or that were handed to them), tasks
 * for them or for their unit, follow-ups, and closures waiting for their
 * approval. "Their unit" is the unit of their account and every unit a
 * unit-level role assignment gives them `cases.work` on; wider roles (a
 * province, a ministry) see their area in the queues and reports instead.
 */
export function createMyWorkService({
  db,
  clock,
  fields,
}: {
  db: Kysely<Database>;
  clock: Clock;
  fields: FieldProtector;
}) {
  function myUnits(actor: Principal): string[] {
    const units = new Set<string>();
    for (const grant of actor.grants)
      if (grant.action === 'cases.work' && grant.scope.level === 'unit' && grant.scope.unitId)
        units.add(grant.scope.unitId);
    if (actor.unitId && actor.grants.some((grant) => grant.action === 'cases.work')) units.add(actor.unitId);
    return [...units];
  }

  return {
    async list(actor: Principal): Promise<MyWork> {
      const now = clock.now();
      const units = myUnits(actor);
      const none = ['00000000-0000-0000-0000-000000000000'];
      const unitList = units.length ? units : none;
      const [referrals, steps, tasks, approvals] = await Promise.all([
        db
          .selectFrom('referral')
          .innerJoin('case_file', 'case_file.id', 'referral.case_id')
          .innerJoin('unit', 'unit.id', 'referral.unit_id')
          .select([
            'referral.id',
            'referral.case_id',
            'referral.kind',
            'referral.due_at',
            'case_file.case_number',
            'case_file.crisis',
            'unit.id as unit_id',
            'unit.name_th',
            'unit.name_en',
          ])
          .where('referral.status', '=', 'sent')
          .where('referral.unit_id', 'in', unitList)
          .orderBy('referral.due_at')
          .limit(LIMIT + 1)
          .execute(),
        db
          .selectFrom('case_step')
          .innerJoin('case_file', 'case_file.id', 'case_step.case_id')
          .innerJoin('procedure_version', 'procedure_version.id', 'case_file.procedure_version_id')
          .leftJoin('unit', 'unit.id', 'case_file.responsible_unit_id')
          .select([
            'case_step.case_id',
            'case_step.position',
            'case_step.due_at',
            'procedure_version.steps',
            'case_file.case_number',
            'case_file.crisis',
            'unit.id as unit_id',
            'unit.name_th',
            'unit.name_en',
          ])
          .where('case_step.status', '=', 'open')
          // Waiting for the supervisor: the approval item stands for the closure step.
          .where(
            'case_file.status',
            'in',
            OPEN_CASE_STATES.filter((state) => state !== 'pending_closure'),
          )
          // The referral and the follow-up task stand for these two steps.
          .where('case_step.position', '>', 0)
          .where((eb) =>
            eb.or([
              eb('case_file.responsible_unit_id', 'in', unitList),
              eb('case_file.assigned_user_id', '=', actor.userId),
            ]),
          )
          .orderBy('case_step.due_at')
          .limit(LIMIT + 1)
          .execute(),
        db
          .selectFrom('case_task')
          .innerJoin('case_file', 'case_file.id', 'case_task.case_id')
          .innerJoin('unit', 'unit.id', 'case_task.unit_id')
          .select([
            'case_task.id',
            'case_task.case_id',
            'case_task.kind',
            'case_task.title_protected',
            'case_task.due_at',
            'case_file.case_number',
            'case_file.crisis',
            'unit.id as unit_id',
            'unit.name_th',
            'unit.name_en',
          ])
          .where('case_task.status', '=', 'open')
          .where((eb) =>
            eb.or([
              eb('case_task.assignee_user_id', '=', actor.userId),
              eb.and([eb('case_task.assignee_user_id', 'is', null), eb('case_task.unit_id', 'in', unitList)]),
            ]),
          )
          .orderBy('case_task.due_at')
          .limit(LIMIT + 1)
          .execute(),
        db
          .selectFrom('case_closure')
          .innerJoin('case_file', 'case_file.id', 'case_closure.case_id')
          .leftJoin('unit', 'unit.id', 'case_file.responsible_unit_id')
          .select([
            'case_closure.id',
            'case_closure.case_id',
            'case_closure.requested_at',
            // The closure step's deadline is the supervisor's too.
            (eb) =>
              eb
                .selectFrom('case_step')
                .select('case_step.due_at')
                .whereRef('case_step.case_id', '=', 'case_closure.case_id')
                .where('case_step.status', '=', 'open')
                .orderBy('case_step.position')
                .limit(1)
                .as('due_at'),
            'case_file.case_number',
            'case_file.crisis',
            'unit.id as unit_id',
            'unit.name_th',
            'unit.name_en',
          ])
          .where('case_closure.status', '=', 'pending')
          .where('case_closure.requested_by', '<>', actor.userId)
          .where(
            scopeFilter(actor, 'cases.approve', {
              unitId: sql.ref('case_file.responsible_unit_id'),
              provinceCode: sql.ref('case_file.province_code'),
              ministryId: caseMinistry,
            }),
          )
          .orderBy('case_closure.requested_at')
          .limit(LIMIT + 1)
          .execute(),
      ]);
      const unit = (row: { unit_id: string | null; name_th: string | null; name_en: string | null }) =>
        row.unit_id ? { id: row.unit_id, nameTh: row.name_th!, nameEn: row.name_en } : null;
      const left = (due: Date | string | null) =>
        due ? Math.floor((new Date(due).getTime() - now.getTime()) / 60_000) : null;
      const items: MyWorkItem[] = [
        ...referrals.map((r): MyWorkItem => ({
          kind: 'referral',
          refId: r.id,
          caseId: r.case_id,
          caseNumber: r.case_number,
          crisis: r.crisis,
          titleTh: r.kind === 'lead' ? 'ตอบรับเรื่องส่งต่อ' : 'ตอบรับการร่วมทีมสหวิชาชีพ',
          titleEn: r.kind === 'lead' ? 'Answer the referral' : 'Answer the request to join the team',
          unit: unit(r),
          dueAt: new Date(r.due_at).toISOString(),
          minutesLeft: left(r.due_at),
        })),
        ...steps.flatMap((s): MyWorkItem[] => {
          const step = parseSteps(s.steps)[s.position];
          if (!step || step.completion === 'follow_up_recorded') return [];
          return [
            {
              kind: 'step',
              refId: `${s.case_id}:${s.position}`,
              caseId: s.case_id,
              caseNumber: s.case_number,
              crisis: s.crisis,
              titleTh: step.nameTh,
              titleEn: step.nameEn,
              unit: unit(s),
              dueAt: s.due_at ? new Date(s.due_at).toISOString() : null,
              minutesLeft: left(s.due_at),
            },
          ];
        }),
        ...tasks.map((t): MyWorkItem => {
          // A follow-up is named by its kind in both languages; a task by the words its writer gave it.
          const title = t.kind === 'follow_up' ? null : fields.reveal(t.title_protected, 'task.title');
          return {
            kind: t.kind === 'follow_up' ? 'follow_up' : 'task',
            refId: t.id,
            caseId: t.case_id,
            caseNumber: t.case_number,
            crisis: t.crisis,
            titleTh: title ?? 'ติดตามผลหลังยุติการให้บริการ',
            titleEn: title ?? 'Follow-up after closure',
            unit: unit(t),
            dueAt: new Date(t.due_at).toISOString(),
            minutesLeft: left(t.due_at),
          };
        }),
        ...approvals.map((a): MyWorkItem => ({
          kind: 'approval',
          refId: a.id,
          caseId: a.case_id,
          caseNumber: a.case_number,
          crisis: a.crisis,
          titleTh: 'พิจารณาอนุมัติการยุติการให้บริการ',
          titleEn: 'Decide on the closure',
          unit: unit(a),
          dueAt: a.due_at ? new Date(a.due_at).toISOString() : null,
          minutesLeft: left(a.due_at),
        })),
      ];
      // The soonest deadline first; late ones are simply the most negative. Crisis first among equals.
      items.sort(
        (a, b) =>
          (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') ||
          Number(b.crisis) - Number(a.crisis) ||
          a.caseNumber.localeCompare(b.caseNumber),
      );
      const truncated =
        [referrals, steps, tasks, approvals].some((rows) => rows.length > LIMIT) || items.length > LIMIT;
      return { items: items.slice(0, LIMIT), now: now.toISOString(), truncated };
    },
  };
}

export type MyWorkService = ReturnType<typeof createMyWorkService>;
