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

export interface ProcedureTables {
  referral: ReferralTable;
  procedure_version: ProcedureVersionTable;
  case_transition: CaseTransitionTable;
}
