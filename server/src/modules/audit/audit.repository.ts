import type { AuditEvent, AuditListQuery } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { scopeFilter, type Principal } from '../../platform/authorization/scope.ts';

const DAY_MS = 86_400_000;

/**
 * The instant a calendar day begins in Asia/Bangkok. Thailand keeps UTC+7 all year (no daylight saving since
 * 1920), so a fixed offset is exact.
 */
export function bangkokDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are stored as written; uuids are written in lower case, so a uuid typed in capitals still matches. */
function canonicalId(id: string): string {
  return UUID.test(id) ? id.toLowerCase() : id;
}

export function createAuditRepository(db: Kysely<Database>) {
  return {
    /**
     * The events the principal may read (`audit.read`, compared with the scope each event was recorded with),
     * filtered, newest first, paged after filtering.
     */
    async list(principal: Principal, query: AuditListQuery): Promise<{ items: AuditEvent[]; total: number }> {
      let filtered = db.selectFrom('audit_event as e').where(
        scopeFilter(principal, 'audit.read', {
          unitId: sql.ref('e.scope_unit_id'),
          provinceCode: sql.ref('e.scope_province_code'),
          ministryId: sql.ref('e.scope_ministry_id'),
        }),
      );
      if (query.entityType) filtered = filtered.where('e.entity_type', '=', query.entityType);
      if (query.entityId) filtered = filtered.where('e.entity_id', '=', canonicalId(query.entityId));
      if (query.action) filtered = filtered.where('e.action', '=', query.action);
      if (query.actorUserId) filtered = filtered.where('e.actor_user_id', '=', query.actorUserId);
      if (query.actorEmail) {
        const email = query.actorEmail.toLowerCase();
        filtered = filtered.where('e.actor_user_id', 'in', (eb) =>
          eb.selectFrom('app_user').select('app_user.id').where('app_user.email', '=', email),
        );
      }
      if (query.from) filtered = filtered.where('e.at', '>=', bangkokDayStart(query.from));
      if (query.to) filtered = filtered.where('e.at', '<', new Date(bangkokDayStart(query.to).getTime() + DAY_MS));

      const [rows, total] = await Promise.all([
        filtered
          .leftJoin('app_user as a', 'a.id', 'e.actor_user_id')
          .select([
            'e.id',
            'e.at',
            'e.action',
            'e.entity_type',
            'e.entity_id',
            'e.before_state',
            'e.after_state',
            'e.request_id',
            'a.id as actor_id',
            'a.email as actor_email',
            'a.first_name_th as actor_first_name_th',
            'a.last_name_th as actor_last_name_th',
          ])
          .orderBy('e.at', 'desc')
          .orderBy('e.id', 'desc')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        filtered.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((row) => ({
          id: String(row.id),
          at: row.at.toISOString(),
          actor:
            row.actor_id && row.actor_email
              ? {
                  id: row.actor_id,
                  nameTh: `${row.actor_first_name_th ?? ''} ${row.actor_last_name_th ?? ''}`.trim(),
                  email: row.actor_email,
                }
              : null,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          before: row.before_state ?? null,
          after: row.after_state ?? null,
          requestId: row.request_id,
        })),
        total: total.n,
      };
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
