import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface ProcedureVersionTable {
  id: Generated<string>;
  problem_type_code: string | null;
  version: number;
  name_th: string;
  name_en: string;
  status: 'draft' | 'active' | 'retired';
  /** The steps as one JSON document (ProcedureStep[]): a version never changes once written. */
  steps: ColumnType<unknown, string, string>;
  created_by: string | null;
  created_at: Timestamp;
  activated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CaseTransitionTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  actor_user_id: string | null;
  at: Timestamp;
}

export interface ReferralTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  unit_id: string;
  kind: 'lead' | 'team';
  status: 'sent' | 'accepted' | 'declined' | 'transferred' | 'revoked';
  note: string | null;
  sent_by: string | null;
  sent_at: Timestamp;
  due_at: Timestamp;
  responded_by: string | null;
  responded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  response_reason: string | null;
  parent_referral_id: string | null;
  version: Generated<number>;
}

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CaseStepTable {
  case_id: string;
  position: number;
  code: string;
  status: 'pending' | 'open' | 'done';
  opened_at: NullableTime;
  due_at: NullableTime;
  done_at: NullableTime;
  done_by: string | null;
  done_event: string | null;
}

export interface CaseNoteTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  kind: 'note' | 'contact' | 'mdt_screening';
  body_protected: string;
  contact_method: string | null;
  unit_id: string | null;
  author_user_id: string | null;
  created_at: Timestamp;
}

export interface CaseServiceTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  service_type: string;
  provider_unit_id: string | null;
  provider_name: string | null;
  /** A calendar date: read back as 'YYYY-MM-DD' (the date type parser is set to keep dates as text). */
  provided_on: ColumnType<string, string, string>;
  note_protected: string | null;
  unit_id: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface CasePlanTable {
  case_id: string;
  revision: number;
  assessment_protected: string;
  goals_protected: string;
  unit_id: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface CaseTaskTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  kind: 'task' | 'follow_up';
  title_protected: string;
  unit_id: string;
  assignee_user_id: string | null;
  due_at: Timestamp;
  status: 'open' | 'done' | 'cancelled';
  created_by: string | null;
  created_at: Timestamp;
  done_by: string | null;
  done_at: NullableTime;
  result_protected: string | null;
  version: Generated<number>;
}

export interface CaseClosureTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  reason: string;
  outcome: 'resolved' | 'partly_resolved' | 'not_resolved';
  summary_protected: string;
  follow_up_days: number;
  requires_approval: boolean;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string | null;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: NullableTime;
  decision_note: string | null;
}

export interface CaseFollowUpTable {
  id: Generated<string>;
  case_id: string;
  task_id: string;
  outcome: 'stable' | 'improved' | 'needs_help' | 'unreachable';
  contact_method: string;
  satisfaction: number | null;
  note_protected: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface ProcedureTables {
  case_step: CaseStepTable;
  case_note: CaseNoteTable;
  case_service: CaseServiceTable;
  case_plan: CasePlanTable;
  case_task: CaseTaskTable;
  case_closure: CaseClosureTable;
  case_follow_up: CaseFollowUpTable;
  referral: ReferralTable;
  procedure_version: ProcedureVersionTable;
  case_transition: CaseTransitionTable;
}
