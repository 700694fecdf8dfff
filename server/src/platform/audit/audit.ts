import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';

export interface AuditContext {
  actorUserId: string | null;
  requestId: string | null;
  now: Date;
}

/**
 * Records one change — who, when, what, before and after — in the same
 * transaction as the change itself, so the trail has no gaps. Append-only:
 * nothing in the application updates or deletes these rows.
 */
export async function recordAudit(
  db: Kysely<Database>,
  context: AuditContext,
  event: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      at: context.now,
      actor_user_id: context.actorUserId,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      before_state: event.before === undefined ? null : JSON.stringify(event.before),
      after_state: event.after === undefined ? null : JSON.stringify(event.after),
      request_id: context.requestId,
    })
    .execute();
}
