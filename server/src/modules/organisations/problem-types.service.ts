import type { NewProblemTypeRequest, ProblemType, ProblemTypeInput, RoutingPreview } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isAllowed } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { decisionFrom, rankUnitsForCase } from '../intake/index.ts';
import type { RequestContext } from './organisations.service.ts';

/** The taxonomy is national: only people whose rule reaches the whole nation change it. */
const NATION = { unitId: null, provinceCode: null, ministryId: null } as const;

function toProblemType(row: {
  code: string;
  name_th: string;
  name_en: string;
  urgent: boolean;
  lead_agency_code: string | null;
  sort_order: number;
  active: boolean;
}): ProblemType {
  return {
    code: row.code,
    nameTh: row.name_th,
    nameEn: row.name_en,
    urgent: row.urgent,
    leadAgencyCode: row.lead_agency_code,
    sortOrder: row.sort_order,
    active: row.active,
  };
}

/**
 * The problem-type taxonomy and the routing rules' preview. Problem types are
 * data: administrators add them, rename them, mark them urgent, set the
 * ministry that leads on them (routing prefers its units) and retire them —
 * never delete them, since cases keep their codes.
 */
export function createProblemTypesService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  async function checkLeadAgency(code: string | null): Promise<void> {
    if (!code) return;
    const ministry = await db
      .selectFrom('agency')
      .select('id')
      .where('code', '=', code)
      .where('parent_id', 'is', null)
      .executeTakeFirst();
    if (!ministry)
      throw new AppError('VALIDATION_FAILED', {
        fields: [
          {
            path: 'body.leadAgencyCode',
            code: 'unknown_agency',
            message: `ไม่พบกระทรวงรหัส ${code} / No ministry with the code ${code}`,
          },
        ],
      });
  }

  function assertNationWide(context: RequestContext): void {
    if (!isAllowed(context.actor, 'organisations.manage', NATION))
      throw new AppError('FORBIDDEN', { internal: 'problem types are national' });
  }

  return {
    async create(context: RequestContext, input: NewProblemTypeRequest): Promise<ProblemType> {
      assertNationWide(context);
      await checkLeadAgency(input.leadAgencyCode);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('problem_type')
          .values({
            code: input.code,
            name_th: input.nameTh,
            name_en: input.nameEn,
            urgent: input.urgent,
            lead_agency_code: input.leadAgencyCode,
            sort_order: input.sortOrder,
            active: input.active,
          })
          .onConflict((conflict) => conflict.column('code').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new AppError('CODE_IN_USE');
        const created = toProblemType(row);
        await recordAudit(
          trx,
          { actorUserId: context.actor.userId, requestId: context.requestId, now },
          {
            action: 'problem_type.create',
            entityType: 'problem_type',
            entityId: row.code,
            after: created,
            scope: NATION,
          },
        );
        return created;
      });
    },

    async update(context: RequestContext, code: string, input: ProblemTypeInput): Promise<ProblemType> {
      assertNationWide(context);
      await checkLeadAgency(input.leadAgencyCode);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('problem_type')
          .selectAll()
          .where('code', '=', code)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw new AppError('NOT_FOUND');
        const row = await trx
          .updateTable('problem_type')
          .set({
            name_th: input.nameTh,
            name_en: input.nameEn,
            urgent: input.urgent,
            lead_agency_code: input.leadAgencyCode,
            sort_order: input.sortOrder,
            active: input.active,
          })
          .where('code', '=', code)
          .returningAll()
          .executeTakeFirstOrThrow();
        const after = toProblemType(row);
        await recordAudit(
          trx,
          { actorUserId: context.actor.userId, requestId: context.requestId, now },
          {
            action: 'problem_type.update',
            entityType: 'problem_type',
            entityId: code,
            before: toProblemType(before),
            after,
            scope: NATION,
          },
        );
        return after;
      });
    },

    /** What the rules would do for this problem and place, and every unit they considered, best first. */
    async preview(input: {
      problemType: string;
      areaCode: string;
      crisis: boolean;
      at?: string | undefined;
    }): Promise<RoutingPreview> {
      const known = await db
        .selectFrom('problem_type')
        .select('code')
        .where('code', '=', input.problemType)
        .executeTakeFirst();
      if (!known)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'query.problemType', code: 'unknown_problem_type', message: 'Unknown problem type' }],
        });
      const at = input.at ? new Date(input.at) : clock.now();
      const query = { problemType: input.problemType, areaCode: input.areaCode, crisis: input.crisis, at };
      const ranked = await rankUnitsForCase(db, query);
      return {
        decision: decisionFrom(ranked, query),
        candidates: ranked.slice(0, 20).map((unit) => ({
          unitId: unit.id,
          unitNameTh: unit.name_th,
          areaLevel: unit.level,
          areaCode: unit.area_code,
          leadAgency: unit.lead,
          openNow: unit.open,
        })),
      };
    },
  };
}

export type ProblemTypesService = ReturnType<typeof createProblemTypesService>;
