import type { Action, ConditionSet, RoleCode, RoleInfo, ScopeLevel, UpdateRoleRulesRequest } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/app-error.ts';

/**
 * The roles and their permission rules, as data an administrator edits. A
 * change takes effect at the next request of everyone holding the role (the
 * rules are read per request) and is audited with the rules before and after.
 */
export function createRolesService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  async function list(): Promise<RoleInfo[]> {
    const [roles, rules] = await Promise.all([
      db.selectFrom('role').select(['code', 'name_th', 'name_en', 'scope_level', 'requires_second_factor']).execute(),
      db.selectFrom('role_permission').select(['role_code', 'action', 'conditions']).orderBy('action').execute(),
    ]);
    const order = [
      'call_taker',
      'social_worker',
      'unit_officer',
      'unit_head',
      'province_coordinator',
      'ministry_executive',
      'central_admin',
    ];
    return roles
      .sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))
      .map((role) => ({
        code: role.code as RoleCode,
        nameTh: role.name_th,
        nameEn: role.name_en,
        scopeLevel: role.scope_level as ScopeLevel,
        requiresSecondFactor: role.requires_second_factor,
        rules: rules
          .filter((rule) => rule.role_code === role.code)
          .map((rule) => ({
            action: rule.action as Action,
            conditions: rule.conditions as ConditionSet as RoleInfo['rules'][number]['conditions'],
          })),
      }));
  }

  return {
    list,

    async updateRules(
      context: { actor: Principal; requestId: string | null },
      code: RoleCode,
      input: UpdateRoleRulesRequest,
    ): Promise<RoleInfo> {
      const current = (await list()).find((role) => role.code === code);
      if (!current) throw new AppError('NOT_FOUND');
      // Taking roles.manage away from the central administrators would leave nobody able to give it back.
      if (code === 'central_admin' && !input.rules.some((rule) => rule.action === 'roles.manage'))
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body.rules',
              code: 'lockout',
              message: 'ผู้ดูแลระบบส่วนกลางต้องคงสิทธิ์จัดการบทบาท / Central administrators must keep roles.manage',
            },
          ],
        });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('role_permission').where('role_code', '=', code).execute();
        if (input.rules.length)
          await trx
            .insertInto('role_permission')
            .values(
              input.rules.map((rule) => ({
                role_code: code,
                action: rule.action,
                conditions: JSON.stringify(rule.conditions),
              })),
            )
            .execute();
        await recordAudit(
          trx,
          { actorUserId: context.actor.userId, requestId: context.requestId, now },
          {
            action: 'role.update',
            entityType: 'role',
            entityId: code,
            before: { rules: current.rules },
            after: { rules: input.rules },
          },
        );
      });
      return (await list()).find((role) => role.code === code)!;
    },
  };
}

export type RolesService = ReturnType<typeof createRolesService>;
