import type { ColumnType, Generated } from 'kysely';
import type { RoleCode, ScopeLevel } from '@oscc/contract';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface RoleTable {
  code: RoleCode;
  name_th: string;
  name_en: string;
  scope_level: ScopeLevel;
}

export interface RolePermissionTable {
  role_code: RoleCode;
  action: string;
}

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  password_hash: string | null;
  title_th: string | null;
  first_name_th: string;
  last_name_th: string;
  first_name_en: string | null;
  last_name_en: string | null;
  position: string | null;
  unit_id: string | null;
  status: Generated<'active' | 'disabled'>;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UserRoleTable {
  id: Generated<string>;
  user_id: string;
  role_code: RoleCode;
  scope_level: ScopeLevel;
  scope_unit_id: string | null;
  scope_province_code: string | null;
  scope_agency_id: string | null;
  created_at: CreatedAt;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface IdentityTables {
  role: RoleTable;
  role_permission: RolePermissionTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
}
