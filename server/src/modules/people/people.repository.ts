import type { Action, UserDetail, UserListQuery } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { scopeFilter, type Principal } from '../../platform/authorization/scope.ts';

export interface UnitScopeRecord {
  id: string;
  nameTh: string;
  provinceCode: string | null;
  ministryId: string | null;
}

/** Lower-cased, space-free text of the names and e-mail, for searching people. */
export function userSearchText(user: {
  email: string;
  firstNameTh: string;
  lastNameTh: string;
  firstNameEn?: string | null;
  lastNameEn?: string | null;
}): string {
  return [user.firstNameTh, user.lastNameTh, user.firstNameEn ?? '', user.lastNameEn ?? '', user.email]
    .join(' ')
    .toLowerCase()
    .replace(/\s+/g, '');
}

export function createPeopleRepository(db: Kysely<Database>) {
  const base = () =>
    db
      .selectFrom('app_user as u')
      .leftJoin('unit', 'unit.id', 'u.unit_id')
      .leftJoin('agency', 'agency.id', 'unit.agency_id')
      .leftJoin('app_user as s', 's.id', 'u.supervisor_id');

  const scoped = (principal: Principal, action: Action) =>
    base().where(
      scopeFilter(principal, action, {
        unitId: sql.ref('u.unit_id'),
        provinceCode: sql.ref('unit.province_code'),
        ministryId: sql.ref('agency.root_id'),
        userId: sql.ref('u.id'),
      }),
    );

  const columns = [
    'u.id',
    'u.email',
    'u.title_th',
    'u.first_name_th',
    'u.last_name_th',
    'u.first_name_en',
    'u.last_name_en',
    'u.position',
    'u.birth_date',
    'u.gender',
    'u.mobile',
    'u.status',
    'u.password_hash',
    'u.locked_until',
    'u.totp_enabled_at',
    'u.version',
    'u.created_at',
    'unit.id as unit_id',
    'unit.name_th as unit_name_th',
    'unit.province_code as unit_province_code',
    's.id as supervisor_id',
    's.first_name_th as supervisor_first_name_th',
    's.last_name_th as supervisor_last_name_th',
  ] as const;

  async function withRoles(rows: Record<string, unknown>[], now: Date): Promise<UserDetail[]> {
    const ids = rows.map((row) => row.id as string);
    const roles = ids.length
      ? await db
          .selectFrom('user_role')
          .leftJoin('unit as su', 'su.id', 'user_role.scope_unit_id')
          .leftJoin('geo_province as sp', 'sp.code', 'user_role.scope_province_code')
          .leftJoin('agency as sa', 'sa.id', 'user_role.scope_agency_id')
          .select([
            'user_role.user_id',
            'user_role.role_code',
            'user_role.scope_level',
            'user_role.scope_unit_id',
            'user_role.scope_province_code',
            'user_role.scope_agency_id',
            sql<string | null>`coalesce(su.name_th, sp.name_th, sa.name_th)`.as('scope_name_th'),
          ])
          .where('user_role.user_id', 'in', ids)
          .orderBy('user_role.created_at')
          .execute()
      : [];
    return rows.map((row) => {
      const lockedUntil = row.locked_until as Date | null;
      const status = row.status as 'active' | 'disabled';
      return {
        id: row.id as string,
        email: row.email as string,
        titleTh: row.title_th as string | null,
        firstNameTh: row.first_name_th as string,
        lastNameTh: row.last_name_th as string,
        firstNameEn: row.first_name_en as string | null,
        lastNameEn: row.last_name_en as string | null,
        position: row.position as string | null,
        supervisor: row.supervisor_id
          ? {
              id: row.supervisor_id as string,
              nameTh: `${row.supervisor_first_name_th as string} ${row.supervisor_last_name_th as string}`,
            }
          : null,
        birthDate: toIsoDate(row.birth_date),
        gender: row.gender as 'male' | 'female' | 'other' | null,
        mobile: row.mobile as string | null,
        unit: row.unit_id
          ? {
              id: row.unit_id as string,
              nameTh: row.unit_name_th as string,
              provinceCode: row.unit_province_code as string | null,
            }
          : null,
        status,
        accountState:
          status === 'disabled'
            ? 'disabled'
            : !row.password_hash
              ? 'invited'
              : lockedUntil && lockedUntil > now
                ? 'locked'
                : 'active',
        secondFactorEnabled: row.totp_enabled_at !== null,
        roles: roles
          .filter((role) => role.user_id === row.id)
          .map((role) => ({
            role: role.role_code,
            scopeLevel: role.scope_level,
            scopeRef: role.scope_unit_id ?? role.scope_province_code ?? role.scope_agency_id,
            scopeNameTh: role.scope_name_th,
          })),
        version: row.version as number,
        createdAt: (row.created_at as Date).toISOString(),
      };
    });
  }

  return {
    async list(principal: Principal, query: UserListQuery, now: Date): Promise<{ items: UserDetail[]; total: number }> {
      let filtered = scoped(principal, 'users.read');
      if (query.unitId) filtered = filtered.where('u.unit_id', '=', query.unitId);
      if (query.provinceCode) filtered = filtered.where('unit.province_code', '=', query.provinceCode);
      if (query.q) {
        const term = query.q
          .toLowerCase()
          .replace(/\s+/g, '')
          .replace(/[\\%_]/g, (c) => `\\${c}`);
        filtered = filtered.where('u.search_text', 'like', `%${term}%`);
      }
      const [rows, total] = await Promise.all([
        filtered
          .select(columns)
          .orderBy('u.first_name_th')
          .orderBy('u.id')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        filtered.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: await withRoles(rows, now), total: total.n };
    },

    /** One user, if `action` allows it on them; null otherwise (the caller answers 404). */
    async findInScope(principal: Principal, action: Action, userId: string, now: Date): Promise<UserDetail | null> {
      const row = await scoped(principal, action).select(columns).where('u.id', '=', userId).executeTakeFirst();
      return row ? ((await withRoles([row], now))[0] ?? null) : null;
    },

    /** Who holds this e-mail address, if anyone: enough to refuse a duplicate or to address a reset e-mail. */
    async findByEmail(email: string): Promise<{
      id: string;
      email: string;
      status: 'active' | 'disabled';
      titleTh: string | null;
      firstNameTh: string;
      lastNameTh: string;
    } | null> {
      const row = await db
        .selectFrom('app_user')
        .select(['id', 'email', 'status', 'title_th', 'first_name_th', 'last_name_th'])
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row
        ? {
            id: row.id,
            email: row.email,
            status: row.status,
            titleTh: row.title_th,
            firstNameTh: row.first_name_th,
            lastNameTh: row.last_name_th,
          }
        : null;
    },

    /** One user regardless of scope — for the service to show a record it has just written. */
    async findById(userId: string, now: Date): Promise<UserDetail | null> {
      const row = await base().select(columns).where('u.id', '=', userId).executeTakeFirst();
      return row ? ((await withRoles([row], now))[0] ?? null) : null;
    },

    async unitScope(unitId: string): Promise<UnitScopeRecord | null> {
      const row = await db
        .selectFrom('unit')
        .innerJoin('agency', 'agency.id', 'unit.agency_id')
        .select(['unit.id', 'unit.name_th', 'unit.province_code', 'agency.root_id'])
        .where('unit.id', '=', unitId)
        .where('unit.active', '=', true)
        .executeTakeFirst();
      return row ? { id: row.id, nameTh: row.name_th, provinceCode: row.province_code, ministryId: row.root_id } : null;
    },
  };
}

function toIsoDate(value: unknown): string | null {
  if (!value) return null;
  if (value instanceof Date) {
    const y = value.getUTCFullYear();
    const m = String(value.getUTCMonth() + 1).padStart(2, '0');
    const d = String(value.getUTCDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return String(value).slice(0, 10);
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
