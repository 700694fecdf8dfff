import { ACTIONS, type Action, type Grant, type RoleCode, type ScopeLevel } from '@oscc/contract';
import { sql, type Expression, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';

const KNOWN_ACTIONS = new Set<string>(ACTIONS);

/**
 * A person's grants as rows: each permission of each of their roles, with the role's scope. A query, so the session
 * lookup can read them in the same round trip (`sessions.findLive`).
 */
export function grantRows(db: Kysely<Database>, userId: string | Expression<string>) {
  return db
    .selectFrom('user_role')
    .innerJoin('role_permission', 'role_permission.role_code', 'user_role.role_code')
    .select([
      'role_permission.action',
      'role_permission.conditions',
      'user_role.scope_level',
      'user_role.scope_unit_id',
      'user_role.scope_province_code',
      'user_role.scope_agency_id',
    ])
    .where('user_role.user_id', '=', userId);
}

type GrantRow = Awaited<ReturnType<ReturnType<typeof grantRows>['execute']>>[number];

/** Grants from `grantRows` (as rows, or as JSON read back): actions this version does not know are left out. */
export function toGrants(rows: readonly GrantRow[]): Grant[] {
  return rows
    .filter((row) => KNOWN_ACTIONS.has(row.action))
    .map((row) => ({
      action: row.action as Action,
      conditions: typeof row.conditions === 'string' ? JSON.parse(row.conditions) : row.conditions,
      scope: {
        level: row.scope_level,
        unitId: row.scope_unit_id,
        provinceCode: row.scope_province_code,
        agencyId: row.scope_agency_id,
      },
    }));
}

export interface SignInRecord {
  id: string;
  passwordHash: string | null;
  status: 'active' | 'disabled';
  failedSignIns: number;
  lockedUntil: Date | null;
  totpEnabled: boolean;
}

export interface SecondFactorRecord {
  id: string;
  status: 'active' | 'disabled';
  lockedUntil: Date | null;
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
}

export interface RoleAssignmentRecord {
  role: RoleCode;
  roleNameTh: string;
  roleNameEn: string;
  scopeLevel: ScopeLevel;
  scopeRef: string | null;
  scopeNameTh: string;
  scopeNameEn: string | null;
}

export interface UserProfileRecord {
  id: string;
  email: string;
  titleTh: string | null;
  firstNameTh: string;
  lastNameTh: string;
  firstNameEn: string | null;
  lastNameEn: string | null;
  position: string | null;
  unit: { id: string; nameTh: string; nameEn: string | null } | null;
  roles: RoleAssignmentRecord[];
  permissions: Action[];
}

export interface NewUser {
  email: string;
  passwordHash: string | null;
  titleTh?: string | null;
  firstNameTh: string;
  lastNameTh: string;
  firstNameEn?: string | null;
  lastNameEn?: string | null;
  position?: string | null;
  unitId?: string | null;
}

export interface NewRoleAssignment {
  role: RoleCode;
  scopeLevel: ScopeLevel;
  unitId?: string;
  provinceCode?: string;
  agencyId?: string;
}

export function createUsersRepository(db: Kysely<Database>) {
  return {
    async findForSignIn(email: string): Promise<SignInRecord | null> {
      const row = await db
        .selectFrom('app_user')
        .select(['id', 'password_hash', 'status', 'failed_sign_ins', 'locked_until', 'totp_enabled_at'])
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row
        ? {
            id: row.id,
            passwordHash: row.password_hash,
            status: row.status,
            failedSignIns: row.failed_sign_ins,
            lockedUntil: row.locked_until,
            totpEnabled: row.totp_enabled_at !== null,
          }
        : null;
    },

    async findSecondFactor(userId: string): Promise<SecondFactorRecord | null> {
      const row = await db
        .selectFrom('app_user')
        .select(['id', 'status', 'locked_until', 'totp_secret', 'totp_enabled_at', 'totp_last_step'])
        .where('id', '=', userId)
        .executeTakeFirst();
      return row
        ? {
            id: row.id,
            status: row.status,
            lockedUntil: row.locked_until,
            totpSecret: row.totp_secret,
            totpEnabledAt: row.totp_enabled_at,
            totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
          }
        : null;
    },

    async setPendingTotpSecret(userId: string, secret: string, now: Date): Promise<void> {
      await db
        .updateTable('app_user')
        .set({ totp_secret: secret, updated_at: now })
        .where('id', '=', userId)
        .where('totp_enabled_at', 'is', null)
        .execute();
    },

    async enableTotp(userId: string, now: Date, recoveryCodeHashes: string[]): Promise<void> {
      await db
        .updateTable('app_user')
        .set({ totp_enabled_at: now, updated_at: now })
        .where('id', '=', userId)
        .execute();
      await db.deleteFrom('user_recovery_code').where('user_id', '=', userId).execute();
      await db
        .insertInto('user_recovery_code')
        .values(recoveryCodeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
        .execute();
    },

    /** Records the step of an accepted code; false if that step (or a later one) was already used. */
    async useTotpStep(userId: string, step: number): Promise<boolean> {
      const row = await db
        .updateTable('app_user')
        .set({ totp_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
        .returning('id')
        .executeTakeFirst();
      return !!row;
    },

    /** Uses one recovery code (once). */
    async useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
      const row = await db
        .updateTable('user_recovery_code')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .returning('code_hash')
        .executeTakeFirst();
      return !!row;
    },

    /**
     * Counts a failed sign-in in one statement (no lost increments under
     * concurrent attempts) and locks the account when the count reaches the
     * limit. Returns the new count and lock.
     */
    async recordFailedSignIn(
      userId: string,
      now: Date,
      limit: number,
      lockUntil: Date,
    ): Promise<{ failedSignIns: number; lockedUntil: Date | null }> {
      const row = await db
        .updateTable('app_user')
        .set({
          failed_sign_ins: sql`failed_sign_ins + 1`,
          locked_until: sql`case when failed_sign_ins + 1 >= ${limit} then ${lockUntil}::timestamptz else locked_until end`,
          updated_at: now,
        })
        .where('id', '=', userId)
        .returning(['failed_sign_ins', 'locked_until'])
        .executeTakeFirstOrThrow();
      return { failedSignIns: row.failed_sign_ins, lockedUntil: row.locked_until };
    },

    async recordSuccessfulSignIn(userId: string, now: Date, newPasswordHash?: string): Promise<void> {
      await db
        .updateTable('app_user')
        .set({
          failed_sign_ins: 0,
          locked_until: null,
          last_sign_in_at: now,
          updated_at: now,
          ...(newPasswordHash ? { password_hash: newPasswordHash } : {}),
        })
        .where('id', '=', userId)
        .execute();
    },

    /** Every permission rule of every role the person holds, bound to that assignment's scope. */
    async grantsOf(userId: string): Promise<Grant[]> {
      return toGrants(await grantRows(db, userId).execute());
    },

    async requiresSecondFactor(userId: string): Promise<boolean> {
      const row = await db
        .selectFrom('user_role')
        .innerJoin('role', 'role.code', 'user_role.role_code')
        .select('role.code')
        .where('user_role.user_id', '=', userId)
        .where('role.requires_second_factor', '=', true)
        .executeTakeFirst();
      return !!row;
    },

    async permissionsOf(userId: string): Promise<Action[]> {
      const rows = await db
        .selectFrom('user_role')
        .innerJoin('role_permission', 'role_permission.role_code', 'user_role.role_code')
        .select('role_permission.action')
        .distinct()
        .where('user_role.user_id', '=', userId)
        .execute();
      return rows.map((row) => row.action).filter((action): action is Action => KNOWN_ACTIONS.has(action));
    },

    async loadProfile(userId: string): Promise<UserProfileRecord | null> {
      const user = await db
        .selectFrom('app_user')
        .leftJoin('unit', 'unit.id', 'app_user.unit_id')
        .select([
          'app_user.id',
          'app_user.email',
          'app_user.title_th',
          'app_user.first_name_th',
          'app_user.last_name_th',
          'app_user.first_name_en',
          'app_user.last_name_en',
          'app_user.position',
          'unit.id as unit_id',
          'unit.name_th as unit_name_th',
          'unit.name_en as unit_name_en',
        ])
        .where('app_user.id', '=', userId)
        .executeTakeFirst();
      if (!user) return null;
      const roles = await db
        .selectFrom('user_role')
        .innerJoin('role', 'role.code', 'user_role.role_code')
        .leftJoin('unit', 'unit.id', 'user_role.scope_unit_id')
        .leftJoin('geo_province', 'geo_province.code', 'user_role.scope_province_code')
        .leftJoin('agency', 'agency.id', 'user_role.scope_agency_id')
        .select([
          'user_role.role_code',
          'role.name_th as role_name_th',
          'role.name_en as role_name_en',
          'user_role.scope_level',
          'user_role.scope_unit_id',
          'user_role.scope_province_code',
          'user_role.scope_agency_id',
          'unit.name_th as unit_name_th',
          'unit.name_en as unit_name_en',
          'geo_province.name_th as province_name_th',
          'geo_province.name_en as province_name_en',
          'agency.name_th as agency_name_th',
          'agency.name_en as agency_name_en',
        ])
        .where('user_role.user_id', '=', userId)
        .orderBy('user_role.created_at')
        .execute();
      return {
        id: user.id,
        email: user.email,
        titleTh: user.title_th,
        firstNameTh: user.first_name_th,
        lastNameTh: user.last_name_th,
        firstNameEn: user.first_name_en,
        lastNameEn: user.last_name_en,
        position: user.position,
        unit:
          user.unit_id && user.unit_name_th
            ? { id: user.unit_id, nameTh: user.unit_name_th, nameEn: user.unit_name_en }
            : null,
        roles: roles.map((row) => {
          const scope = {
            unit: { ref: row.scope_unit_id, th: row.unit_name_th, en: row.unit_name_en },
            province: { ref: row.scope_province_code, th: row.province_name_th, en: row.province_name_en },
            ministry: { ref: row.scope_agency_id, th: row.agency_name_th, en: row.agency_name_en },
            nation: { ref: null, th: 'ทั่วประเทศ', en: 'Nationwide' },
          }[row.scope_level];
          return {
            role: row.role_code,
            roleNameTh: row.role_name_th,
            roleNameEn: row.role_name_en,
            scopeLevel: row.scope_level,
            scopeRef: scope.ref,
            scopeNameTh: scope.th ?? '',
            scopeNameEn: scope.en,
          };
        }),
        permissions: await this.permissionsOf(userId),
      };
    },

    async insert(user: NewUser, now: Date): Promise<string> {
      const row = await db
        .insertInto('app_user')
        .values({
          email: user.email.toLowerCase(),
          password_hash: user.passwordHash,
          title_th: user.titleTh ?? null,
          first_name_th: user.firstNameTh,
          last_name_th: user.lastNameTh,
          first_name_en: user.firstNameEn ?? null,
          last_name_en: user.lastNameEn ?? null,
          position: user.position ?? null,
          unit_id: user.unitId ?? null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async setPassword(userId: string, passwordHash: string, now: Date): Promise<void> {
      await db
        .updateTable('app_user')
        .set({
          password_hash: passwordHash,
          password_set_at: now,
          failed_sign_ins: 0,
          locked_until: null,
          updated_at: now,
        })
        .where('id', '=', userId)
        .execute();
    },

    async assignRole(userId: string, assignment: NewRoleAssignment): Promise<void> {
      await db
        .insertInto('user_role')
        .values({
          user_id: userId,
          role_code: assignment.role,
          scope_level: assignment.scopeLevel,
          scope_unit_id: assignment.unitId ?? null,
          scope_province_code: assignment.provinceCode ?? null,
          scope_agency_id: assignment.agencyId ?? null,
        })
        .execute();
    },

    async findIdByEmail(email: string): Promise<string | null> {
      const row = await db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('app_user')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return row.n;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
