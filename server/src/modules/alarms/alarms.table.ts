import type { ColumnType, Generated } from 'kysely';
import type { AlarmAudience, AlarmChannel, AlarmType, DeadlineKind } from '@oscc/contract';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AlarmSettingTable {
  id: Generated<boolean>;
  /** numeric: pg hands it back as text. */
  warning_share: ColumnType<string, number | string, number | string>;
  deadlines_backfilled_at: NullableTime;
  updated_by: string | null;
  updated_at: NullableTime;
}

export interface AlarmLadderLevelTable {
  alarm: AlarmType;
  level: number;
  after_minutes: number;
  audiences: ColumnType<AlarmAudience[], string[], string[]>;
  channels: ColumnType<AlarmChannel[], string[], string[]>;
  repeat_minutes: number | null;
  digest_audiences: ColumnType<AlarmAudience[], string[], string[]>;
}

export interface DeadlineTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  alarm: AlarmType;
  kind: DeadlineKind;
  subject: string;
  step_position: number | null;
  step_code: string | null;
  referral_id: string | null;
  unit_id: string | null;
  procedure_version_id: string | null;
  clock: '24x7' | 'business';
  started_at: Timestamp;
  due_at: Timestamp;
  warn_at: Timestamp;
  status: Generated<'open' | 'met' | 'cancelled'>;
  result: 'met' | 'breached' | null;
  breached_at: NullableTime;
  closed_at: NullableTime;
  level: Generated<number>;
  next_check_at: NullableTime;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AlarmTable {
  id: Generated<string>;
  seq: Generated<string>;
  deadline_id: string;
  case_id: string;
  level: number;
  kind: 'warning' | 'breach';
  raised_at: Timestamp;
  round: Generated<number>;
  last_raised_at: Timestamp;
  next_repeat_at: NullableTime;
  acknowledged_at: NullableTime;
  resolved_at: NullableTime;
}

export interface AlarmAcknowledgementTable {
  alarm_id: string;
  user_id: string;
  at: Timestamp;
  note: string | null;
}

export interface AlarmDeliveryTable {
  id: Generated<string>;
  seq: Generated<string>;
  alarm_id: string;
  deadline_id: string;
  level: number;
  round: number;
  recipient_user_id: string;
  audience: AlarmAudience;
  channel: AlarmChannel;
  address: string | null;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed' | 'digest';
  attempts: Generated<number>;
  next_attempt_at: NullableTime;
  /** Who holds the current lease (issue 9): only they may record how the sending went. */
  lease_token: string | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: NullableTime;
  read_at: NullableTime;
  digest_email_id: string | null;
}

export interface LineLinkCodeTable {
  code_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTime;
}

export interface AlarmTables {
  alarm_setting: AlarmSettingTable;
  alarm_ladder_level: AlarmLadderLevelTable;
  deadline: DeadlineTable;
  alarm: AlarmTable;
  alarm_acknowledgement: AlarmAcknowledgementTable;
  alarm_delivery: AlarmDeliveryTable;
  line_link_code: LineLinkCodeTable;
}
