import type { ColumnType, Generated } from 'kysely';
import type { ConditionSet, RoleCode, ScopeLevel } from '@oscc/contract';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface RoleTable {
  code: RoleCode;
  name_th: string;
  name_en: string;
  scope_level: ScopeLevel;
  requires_second_factor: Generated<boolean>;
}

export interface RolePermissionTable {
  role_code: RoleCode;
  action: string;
  conditions: ColumnType<ConditionSet, string, string>;
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
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  gender: 'male' | 'female' | 'other' | null;
  mobile: string | null;
  supervisor_id: string | null;
  invited_at: Timestamp | null;
  password_set_at: Timestamp | null;
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: ColumnType<string | null, number | null, number | null>;
  version: Generated<number>;
  search_text: Generated<string>;
  /** The LINE user id a staff member linked for alarms (null: not linked). */
  line_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UserRecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export type TokenPurpose = 'invitation' | 'password_reset' | 'sign_in_challenge';

export interface UserTokenTable {
  token_hash: string;
  user_id: string;
  purpose: TokenPurpose;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
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
  second_factor: Generated<SecondFactorState>;
}

/** not_required: the role needs none; verified: TOTP checked at sign-in; enrolment_required: must set up TOTP first. */
export type SecondFactorState = 'not_required' | 'verified' | 'enrolment_required';

export interface IdentityTables {
  role: RoleTable;
  role_permission: RolePermissionTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  user_recovery_code: UserRecoveryCodeTable;
  user_token: UserTokenTable;
}
