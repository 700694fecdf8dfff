import {
  procedureProblems,
  type NewProcedureVersionRequest,
  type ProcedureStep,
  type ProcedureVersion,
} from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/app-error.ts';

const NATION = { unitId: null, provinceCode: null, ministryId: null } as const;

interface Context {
  actor: Principal;
  requestId: string | null;
}

/**
 * Procedures as data: per problem type (or the generic one), versions of
 * ordered steps with their time frames. A version is written once and never
 * changed; a new version is checked as a whole, saved as a draft or made
 * active at once (the previous active one retires); cases keep the version
 * they started with.
 */
export function createProceduresService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  async function list(where?: { id: string }): Promise<ProcedureVersion[]> {
    let query = db
      .selectFrom('procedure_version')
      .select([
        'procedure_version.id',
        'procedure_version.problem_type_code',
        'procedure_version.version',
        'procedure_version.name_th',
        'procedure_version.name_en',
        'procedure_version.status',
        'procedure_version.steps',
        'procedure_version.created_at',
        'procedure_version.activated_at',
        (eb) =>
          eb
            .selectFrom('case_file')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('case_file.procedure_version_id', '=', 'procedure_version.id')
            .as('cases'),
      ])
      .orderBy(sql`coalesce(procedure_version.problem_type_code, '')`)
      .orderBy('procedure_version.version', 'desc');
    if (where) query = query.where('procedure_version.id', '=', where.id);
    const rows = await query.execute();
    return rows.map((row) => ({
      id: row.id,
      problemTypeCode: row.problem_type_code,
      version: row.version,
      nameTh: row.name_th,
      nameEn: row.name_en,
      status: row.status,
      steps: (typeof row.steps === 'string' ? JSON.parse(row.steps) : row.steps) as ProcedureStep[],
      createdAt: new Date(row.created_at).toISOString(),
      activatedAt: row.activated_at ? new Date(row.activated_at).toISOString() : null,
      cases: row.cases ?? 0,
    }));
  }

  async function activate(trx: Kysely<Database>, id: string, problemTypeCode: string | null, now: Date) {
    await trx
      .updateTable('procedure_version')
      .set({ status: 'retired' })
      .where('status', '=', 'active')
      .where((eb) =>
        problemTypeCode === null ? eb('problem_type_code', 'is', null) : eb('problem_type_code', '=', problemTypeCode),
      )
      .execute();
    await trx
      .updateTable('procedure_version')
      .set({ status: 'active', activated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async function get(id: string): Promise<ProcedureVersion> {
    const [found] = await list({ id });
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  return {
    list: () => list(),
    get,

    /** A new version of a problem's procedure: checked whole, numbered after the last, a draft unless activated. */
    async create(context: Context, input: NewProcedureVersionRequest): Promise<ProcedureVersion> {
      const problems = procedureProblems(input.steps).map((p) => ({
        path: `body.${p.path}`,
        code: p.code,
        message: `${p.th} / ${p.en}`,
      }));
      if (input.problemTypeCode) {
        const known = await db
          .selectFrom('problem_type')
          .select('code')
          .where('code', '=', input.problemTypeCode)
          .executeTakeFirst();
        if (!known)
          problems.push({
            path: 'body.problemTypeCode',
            code: 'unknown_problem_type',
            message: `ไม่รู้จักประเภทปัญหา ${input.problemTypeCode} / Unknown problem type`,
          });
      }
      if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        // Versions of one procedure are numbered one after another; the unique index settles a race.
        const last = await trx
          .selectFrom('procedure_version')
          .select(sql<number>`coalesce(max(version), 0)::int`.as('n'))
          .where((eb) =>
            input.problemTypeCode === null
              ? eb('problem_type_code', 'is', null)
              : eb('problem_type_code', '=', input.problemTypeCode),
          )
          .executeTakeFirstOrThrow();
        const row = await trx
          .insertInto('procedure_version')
          .values({
            problem_type_code: input.problemTypeCode,
            version: last.n + 1,
            name_th: input.nameTh,
            name_en: input.nameEn,
            status: 'draft',
            steps: JSON.stringify(input.steps),
            created_by: context.actor.userId,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (input.activate) await activate(trx, row.id, input.problemTypeCode, now);
        await recordAudit(
          trx,
          { actorUserId: context.actor.userId, requestId: context.requestId, now },
          {
            action: 'procedure.create',
            entityType: 'procedure_version',
            entityId: row.id,
            after: {
              problemTypeCode: input.problemTypeCode,
              version: last.n + 1,
              steps: input.steps.map((s) => `${s.code}:${s.durationMinutes}m/${s.clock}`),
              activated: input.activate,
            },
            scope: NATION,
          },
        );
        return row.id;
      });
      return get(id);
    },

    /** Makes a draft the version new cases start with; the active one retires (cases keep theirs). */
    async activate(context: Context, id: string): Promise<ProcedureVersion> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('procedure_version')
          .select(['status', 'problem_type_code', 'version'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND');
        if (row.status !== 'draft') throw new AppError('CONFLICT', { internal: `a ${row.status} version` });
        await activate(trx, id, row.problem_type_code, now);
        await recordAudit(
          trx,
          { actorUserId: context.actor.userId, requestId: context.requestId, now },
          {
            action: 'procedure.activate',
            entityType: 'procedure_version',
            entityId: id,
            after: { problemTypeCode: row.problem_type_code, version: row.version },
            scope: NATION,
          },
        );
      });
      return get(id);
    },
  };
}

export type ProceduresService = ReturnType<typeof createProceduresService>;
