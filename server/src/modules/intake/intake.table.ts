import type { CaseState } from '@oscc/contract';
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface CaseNumberCounterTable {
  year_be: number;
  last_number: number;
}

export interface CaseFileTable {
  id: Generated<string>;
  case_number: string;
  year_be: number;
  status: CaseState;
  procedure_version_id: Generated<string | null>;
  /** The problem reported first (its procedure is the case's); all of them are in case_problem_type. */
  primary_problem_code: string | null;
  channel: string;
  crisis: boolean;
  severity: number;
  province_code: string | null;
  district_code: string | null;
  subdistrict_code: string | null;
  address_protected: string | null;
  latitude: number | null;
  longitude: number | null;
  narrative_protected: string;
  reporter_anonymous: boolean;
  reporter_relation: string;
  responsible_unit_id: string | null;
  routing: ColumnType<unknown, string, string>;
  created_by: string | null;
  receiving_unit_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  merged_into_id: Generated<string | null>;
  screened_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  screened_by: Generated<string | null>;
  assigned_user_id: Generated<string | null>;
  assigned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Past its retention period: identities erased (the counts stay). */
  anonymised_at: ColumnType<Date | null, never, Date | string>;
}

export interface CaseLinkTable {
  case_id: string;
  related_case_id: string;
  reason: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CaseAttachmentTable {
  id: Generated<string>;
  case_id: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  file_name_protected: string | null;
  content_protected: Uint8Array;
  source: 'public' | 'staff' | 'social';
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface CaseProblemTypeTable {
  case_id: string;
  problem_type_code: string;
}

export interface CasePersonTable {
  id: Generated<string>;
  case_id: string;
  role: string;
  name_protected: string | null;
  id_type: string;
  id_number_protected: string | null;
  id_number_index: string | null;
  passport_country: string | null;
  nationality: string | null;
  birth_date: string | null;
  estimated_age: number | null;
  sex: string;
  disability: boolean;
  phone_protected: string | null;
  phone_index: string | null;
}

export interface IntakeContactTable {
  id: Generated<string>;
  received_at: Timestamp;
  channel: string;
  outcome: string;
  caller_phone_protected: string | null;
  caller_phone_index: string | null;
  summary_protected: string | null;
  case_id: string | null;
  received_by: string | null;
  receiving_unit_id: string | null;
  social_conversation_id: Generated<string | null>;
}

export interface PublicReportTable {
  case_id: string;
  tracking_code: string;
  pin_hash: string;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  created_at: Timestamp;
}

export interface IdempotentRequestTable {
  key: string;
  endpoint: string;
  request_hash: string;
  response_protected: string;
  created_at: Timestamp;
}

export interface WebhookEventTable {
  provider: string;
  event_id: string;
  received_at: Timestamp;
}

export interface SocialConversationTable {
  id: Generated<string>;
  provider: 'line' | 'facebook';
  user_index: string;
  user_protected: string;
  contact_id: string;
  started_at: Timestamp;
  last_message_at: Timestamp;
}

export interface SocialMessageTable {
  id: Generated<string>;
  /** The order messages arrived in (times can be equal). */
  seq: Generated<string>;
  conversation_id: string;
  direction: 'in' | 'out';
  kind: string;
  text_protected: string | null;
  provider_message_id: string | null;
  sent_by: string | null;
  delivery: 'received' | 'sent' | 'failed';
  created_at: Timestamp;
}

export interface IntakeTables {
  case_link: CaseLinkTable;
  case_attachment: CaseAttachmentTable;
  webhook_event: WebhookEventTable;
  social_conversation: SocialConversationTable;
  social_message: SocialMessageTable;
  idempotent_request: IdempotentRequestTable;
  public_report: PublicReportTable;
  case_number_counter: CaseNumberCounterTable;
  case_file: CaseFileTable;
  case_problem_type: CaseProblemTypeTable;
  case_person: CasePersonTable;
  intake_contact: IntakeContactTable;
}
