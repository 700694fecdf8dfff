import type { ColumnType, Generated } from 'kysely';

export interface AuditEventTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | string, never>;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_state: ColumnType<unknown, string | null, never>;
  after_state: ColumnType<unknown, string | null, never>;
  request_id: string | null;
}

export interface AuditTables {
  audit_event: AuditEventTable;
}
