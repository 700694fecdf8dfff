import type { AlarmAudience } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';

export interface Recipient {
  userId: string;
  audience: AlarmAudience;
  email: string;
  mobile: string | null;
  lineUserId: string | null;
}

/** What a deadline's audiences are found from: the unit that must act, the case's assignee and area. */
export interface AudienceContext {
  unitId: string | null;
  assignedUserId: string | null;
  /** Who accepted the case for the unit (the accepted referral's answerer). */
  acceptedBy: string | null;
  provinceCode: string | null;
}

type Db = Kysely<Database>;

/**
 * The active people holding a role assignment at `level` (matching `where`) whose role grants `action`: who a
 * ladder audience is, read from role assignments and role permissions — data an administrator keeps.
 */
function holders(
  db: Db,
  action: string,
  level: 'unit' | 'province' | 'ministry' | 'nation',
  where: { unitId?: string; provinceCode?: string; agencyId?: string },
) {
  let query = db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .innerJoin('role_permission', 'role_permission.role_code', 'user_role.role_code')
    .select(['app_user.id', 'app_user.email', 'app_user.mobile', 'app_user.line_user_id'])
    .distinct()
    .where('app_user.status', '=', 'active')
    .where('role_permission.action', '=', action)
    .where('user_role.scope_level', '=', level);
  if (where.unitId) query = query.where('user_role.scope_unit_id', '=', where.unitId);
  if (where.provinceCode) query = query.where('user_role.scope_province_code', '=', where.provinceCode);
  if (where.agencyId) query = query.where('user_role.scope_agency_id', '=', where.agencyId);
  return query.execute();
}

/** One active person by id, as a recipient; `unitId` given: only while they work for that unit. */
function activeUser(db: Db, userId: string, unitId: string | null) {
  return db
    .selectFrom('app_user')
    .select(['app_user.id', 'app_user.email', 'app_user.mobile', 'app_user.line_user_id'])
    .where('app_user.id', '=', userId)
    .where('app_user.status', '=', 'active')
    .where((eb) =>
      unitId
        ? eb.or([
            eb('app_user.unit_id', '=', unitId),
            eb.exists(
              eb
                .selectFrom('user_role')
                .select('user_role.id')
                .whereRef('user_role.user_id', '=', 'app_user.id')
                .where('user_role.scope_unit_id', '=', unitId),
            ),
          ])
        : eb.val(true),
    )
    .execute();
}

async function ministryOf(db: Db, unitId: string): Promise<string | null> {
  const row = await db
    .selectFrom('unit')
    .innerJoin('agency', 'agency.id', 'unit.agency_id')
    .select('agency.root_id')
    .where('unit.id', '=', unitId)
    .executeTakeFirst();
  return row?.root_id ?? null;
}

async function audienceMembers(db: Db, audience: AlarmAudience, context: AudienceContext) {
  switch (audience) {
    case 'assignee': {
      // The person the case is assigned to, while they work for the unit that must act; else whoever accepted it
      // for the unit; else the unit's staff.
      if (context.assignedUserId) {
        const assigned = await activeUser(db, context.assignedUserId, context.unitId);
        if (assigned.length) return assigned;
      }
      if (context.acceptedBy) {
        const accepted = await activeUser(db, context.acceptedBy, null);
        if (accepted.length) return accepted;
      }
      return context.unitId ? holders(db, 'cases.work', 'unit', { unitId: context.unitId }) : [];
    }
    case 'unit_head':
      return context.unitId ? holders(db, 'cases.approve', 'unit', { unitId: context.unitId }) : [];
    case 'province':
      return context.provinceCode
        ? holders(db, 'cases.approve', 'province', { provinceCode: context.provinceCode })
        : [];
    case 'ministry': {
      const ministry = context.unitId ? await ministryOf(db, context.unitId) : null;
      return ministry ? holders(db, 'cases.read', 'ministry', { agencyId: ministry }) : [];
    }
    case 'central':
      return holders(db, 'cases.approve', 'nation', {});
  }
}

/**
 * Everyone a ladder level tells, each once (under the first audience that
 * names them): the assignee (or the acting unit's staff), the unit's head,
 * the case's province coordinators (their own province only), the executives
 * of the acting unit's ministry (their own ministry's cases only) and the
 * central desk (national supervisors).
 */
export async function recipientsFor(
  db: Db,
  audiences: readonly AlarmAudience[],
  context: AudienceContext,
): Promise<Recipient[]> {
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  for (const audience of audiences) {
    for (const member of await audienceMembers(db, audience, context)) {
      if (seen.has(member.id)) continue;
      seen.add(member.id);
      recipients.push({
        userId: member.id,
        audience,
        email: member.email,
        mobile: member.mobile,
        lineUserId: member.line_user_id,
      });
    }
  }
  return recipients;
}
