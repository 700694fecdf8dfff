import { isExpression, type InsertObject, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';

export interface AuditContext {
  actorUserId: string | null;
  requestId: string | null;
  now: Date;
}

/** Where the record an event is about sat when it happened; all null = nation level (nation-wide readers only). */
export interface AuditScope {
  unitId: string | null;
  provinceCode: string | null;
  /** The ministry (root agency). */
  ministryId: string | null;
}

export interface AuditEventInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** Give it when the caller knows better (say, the unit a person was moved out of); derived from the entity otherwise. */
  scope?: AuditScope;
}

const NATION: AuditScope = { unitId: null, provinceCode: null, ministryId: null };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records one change — who, when, what, before and after — in the same
 * transaction as the change itself, so the trail has no gaps. Append-only:
 * nothing in the application updates or deletes these rows.
 */
export async function recordAudit(db: Kysely<Database>, context: AuditContext, event: AuditEventInput): Promise<void> {
  await recordAudits(db, context, [event]);
}

/** Several events at once (an import, say): one scope query per entity type, one insert. */
export async function recordAudits(
  db: Kysely<Database>,
  context: AuditContext,
  events: readonly AuditEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  // Keep each statement well under PostgreSQL's 65,535 parameters.
  if (events.length > 1000) {
    for (let i = 0; i < events.length; i += 1000) await recordAudits(db, context, events.slice(i, i + 1000));
    return;
  }
  const scopes = await deriveAuditScopes(
    db,
    events.filter((event) => !event.scope),
  );
  await db
    .insertInto('audit_event')
    .values(
      events.map((event) =>
        auditRow(context, { ...event, scope: event.scope ?? scopes.get(scopeKey(event)) ?? NATION }),
      ),
    )
    .execute();
}

/**
 * One event as the row to insert — for a caller that writes it in a statement of its own making (intake writes a
 * case and its record in one statement); its scope must be known.
 */
export function auditRow(
  context: AuditContext,
  event: AuditEventInput & { scope: AuditScope },
): InsertObject<Database, 'audit_event'> {
  return {
    at: context.now,
    actor_user_id: context.actorUserId,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId,
    before_state: event.before === undefined ? null : JSON.stringify(event.before),
    // An expression when the caller's statement computes part of it (intake: the case number the insert takes).
    after_state:
      event.after === undefined ? null : isExpression(event.after) ? event.after : JSON.stringify(event.after),
    request_id: context.requestId,
    scope_unit_id: event.scope.unitId,
    scope_province_code: event.scope.provinceCode,
    scope_ministry_id: event.scope.ministryId,
  };
}

function scopeKey(event: { entityType: string; entityId: string }): string {
  return `${event.entityType}:${event.entityId.toLowerCase()}`;
}

/**
 * The scope of each entity as it is now (in the caller's transaction, so after the change): a person → their unit;
 * a unit or its areas (entityId = the unit) → that unit; an agency → its ministry; anything else → nation level.
 * One query per entity type present, each by primary key.
 */
async function deriveAuditScopes(
  db: Kysely<Database>,
  events: readonly { entityType: string; entityId: string }[],
): Promise<Map<string, AuditScope>> {
  const idsOf = (...types: string[]) => [
    ...new Set(
      events.filter((e) => types.includes(e.entityType) && UUID.test(e.entityId)).map((e) => e.entityId.toLowerCase()),
    ),
  ];
  const scopes = new Map<string, AuditScope>();

  const userIds = idsOf('user');
  if (userIds.length) {
    const rows = await db
      .selectFrom('app_user as u')
      .leftJoin('unit', 'unit.id', 'u.unit_id')
      .leftJoin('agency', 'agency.id', 'unit.agency_id')
      .select(['u.id', 'u.unit_id', 'unit.province_code', 'agency.root_id'])
      .where('u.id', 'in', userIds)
      .execute();
    for (const row of rows)
      scopes.set(`user:${row.id}`, {
        unitId: row.unit_id,
        provinceCode: row.province_code ?? null,
        ministryId: row.root_id ?? null,
      });
  }

  const unitIds = idsOf('unit', 'unit_area');
  if (unitIds.length) {
    const rows = await db
      .selectFrom('unit')
      .leftJoin('agency', 'agency.id', 'unit.agency_id')
      .select(['unit.id', 'unit.province_code', 'agency.root_id'])
      .where('unit.id', 'in', unitIds)
      .execute();
    for (const row of rows) {
      const scope = { unitId: row.id, provinceCode: row.province_code, ministryId: row.root_id ?? null };
      scopes.set(`unit:${row.id}`, scope);
      scopes.set(`unit_area:${row.id}`, scope);
    }
  }

  const agencyIds = idsOf('agency');
  if (agencyIds.length) {
    const rows = await db.selectFrom('agency').select(['id', 'root_id']).where('id', 'in', agencyIds).execute();
    for (const row of rows) scopes.set(`agency:${row.id}`, { ...NATION, ministryId: row.root_id });
  }
  return scopes;
}
