import type { HolidayQuery, PublicHoliday, SaveHolidayRequest } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isAllowed } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { RequestContext } from './organisations.service.ts';

/** The calendar is national: only people whose rule reaches the whole nation change it. */
const NATION = { unitId: null, provinceCode: null, ministryId: null } as const;

function toHoliday(row: {
  day: string;
  name_th: string;
  name_en: string;
  confirmed: boolean;
  updated_at: Date | string;
}): PublicHoliday {
  return {
    day: row.day,
    nameTh: row.name_th,
    nameEn: row.name_en,
    confirmed: row.confirmed,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * The public holidays of the business calendar: a time frame on the business
 * clock does not run on them (for units that close on public holidays).
 * Seeded for this year and the next; national administrators add the
 * Cabinet's special holidays, confirm the lunar dates and remove what was
 * cancelled — every change audited. A deadline already set keeps its time;
 * the calendar counts for the time frames that start after the change.
 */
export function createHolidaysService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  function assertNationWide(context: RequestContext): void {
    if (!isAllowed(context.actor, 'organisations.manage', NATION))
      throw new AppError('FORBIDDEN', { internal: 'the holiday calendar is national' });
  }

  return {
    async list(query: HolidayQuery): Promise<PublicHoliday[]> {
      const rows = await db
        .selectFrom('public_holiday')
        .selectAll()
        .where('day', '>=', `${query.year}-01-01`)
        .where('day', '<=', `${query.year}-12-31`)
        .orderBy('day')
        .execute();
      return rows.map(toHoliday);
    },

    async save(context: RequestContext, day: string, input: SaveHolidayRequest): Promise<PublicHoliday> {
      assertNationWide(context);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('public_holiday').selectAll().where('day', '=', day).executeTakeFirst();
        const row = await trx
          .insertInto('public_holiday')
          .values({
            day,
            name_th: input.nameTh,
            name_en: input.nameEn,
            confirmed: input.confirmed,
            updated_by: context.actor.userId,
            updated_at: now,
          })
          .onConflict((conflict) =>
            conflict.column('day').doUpdateSet({
              name_th: input.nameTh,
              name_en: input.nameEn,
              confirmed: input.confirmed,
              updated_by: context.actor.userId,
              updated_at: now,
            }),
          )
          .returningAll()
          .executeTakeFirstOrThrow();
        const saved = toHoliday(row);
        await recordAudit(
          trx,
          { actorUserId: context.actor.userId, requestId: context.requestId, now },
          {
            action: before ? 'holiday.update' : 'holiday.create',
            entityType: 'holiday',
            entityId: day,
            before: before ? toHoliday(before) : undefined,
            after: saved,
            scope: NATION,
          },
        );
        return saved;
      });
    },

    async remove(context: RequestContext, day: string): Promise<void> {
      assertNationWide(context);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const removed = await trx.deleteFrom('public_holiday').where('day', '=', day).returningAll().executeTakeFirst();
        if (!removed) throw new AppError('NOT_FOUND');
        await recordAudit(
          trx,
          { actorUserId: context.actor.userId, requestId: context.requestId, now },
          { action: 'holiday.delete', entityType: 'holiday', entityId: day, before: toHoliday(removed), scope: NATION },
        );
      });
    },
  };
}

export type HolidaysService = ReturnType<typeof createHolidaysService>;
