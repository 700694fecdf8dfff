import type { RoleDefinition } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';

/**
 * Roles and their permission rules are data. At start the defaults from the
 * contract are upserted: a role or rule that exists keeps what an
 * administrator made of it; missing defaults are added.
 */
export async function upsertDefaultRoles(db: Kysely<Database>, roles: readonly RoleDefinition[]): Promise<void> {
  for (const role of roles) {
    await db
      .insertInto('role')
      .values({
        code: role.code,
        name_th: role.nameTh,
        name_en: role.nameEn,
        scope_level: role.scopeLevel,
        requires_second_factor: role.requiresSecondFactor,
      })
      .onConflict((conflict) => conflict.column('code').doNothing())
      .execute();
    if (role.rules.length === 0) continue;
    await db
      .insertInto('role_permission')
      .values(
        role.rules.map((rule) => ({
          role_code: role.code,
          action: rule.action,
          conditions: JSON.stringify(rule.conditions),
        })),
      )
      .onConflict((conflict) => conflict.columns(['role_code', 'action']).doNothing())
      .execute();
  }
}
