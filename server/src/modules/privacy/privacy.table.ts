import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Breaking the glass: one stated reason, one case, a limited time. */
export interface CaseRevealTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  reason_protected: string;
  revealed_at: Timestamp;
  expires_at: Timestamp;
  supervisor_id: string | null;
  scope_unit_id: string | null;
  scope_province_code: string | null;
  scope_ministry_id: string | null;
}

export interface RetentionPolicyTable {
  problem_type_code: string;
  retain_years: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface PrivacyCounterTable {
  kind: string;
  year_be: number;
  last_value: number;
}

export interface SubjectRequestTable {
  id: Generated<string>;
  reference: string;
  kind: string;
  requester_name_protected: string;
  contact_protected: string;
  details_protected: string;
  case_id: string | null;
  received_at: Timestamp;
  due_at: Timestamp;
  status: Generated<string>;
  closed_at: NullableTimestamp;
  outcome_protected: string | null;
  recorded_by: string | null;
  closed_by: string | null;
  created_at: Timestamp;
  reminded_at: NullableTimestamp;
}

export interface BreachTable {
  id: Generated<string>;
  reference: string;
  title: string;
  description_protected: string;
  discovered_at: Timestamp;
  notify_by: Timestamp;
  affected_count: number | null;
  risk: string;
  office_notified_at: NullableTimestamp;
  subjects_notified_at: NullableTimestamp;
  measures: Generated<string>;
  closed_at: NullableTimestamp;
  recorded_by: string | null;
  created_at: Timestamp;
  version: Generated<number>;
  reminded_at: NullableTimestamp;
}

export interface PrivacyTables {
  case_reveal: CaseRevealTable;
  retention_policy: RetentionPolicyTable;
  privacy_counter: PrivacyCounterTable;
  subject_request: SubjectRequestTable;
  breach: BreachTable;
}
