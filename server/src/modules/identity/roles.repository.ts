import type { RoleDefinition } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';

/**
 * Roles and what they may do are data. At start the defaults from the
 * contract are upserted: a role that exists keeps its names if an
 * administrator changed them, but gains any default action it lacks.
 */
export async function upsertDefaultRoles(db: Kysely<Database>, roles: readonly RoleDefinition[]): Promise<void> {
  for (const role of roles) {
    await db
      .insertInto('role')
      .values({ code: role.code, name_th: role.nameTh, name_en: role.nameEn, scope_level: role.scopeLevel })
      .onConflict((conflict) => conflict.column('code').doNothing())
      .execute();
    if (role.actions.length === 0) continue;
    await db
      .insertInto('role_permission')
      .values(role.actions.map((action) => ({ role_code: role.code, action })))
      .onConflict((conflict) => conflict.columns(['role_code', 'action']).doNothing())
      .execute();
  }
}
