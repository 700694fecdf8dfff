import type { ColumnType, Generated } from 'kysely';

/** Written once, never changed: the scope columns can be left out on insert (null = nation level). */
type ScopeColumn = ColumnType<string | null, string | null | undefined, never>;

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
  /** The unit the record belonged to when the event happened. */
  scope_unit_id: ScopeColumn;
  scope_province_code: ScopeColumn;
  /** The ministry (root agency). */
  scope_ministry_id: ScopeColumn;
  /** The event's place in the hash chain, set once by the sealing job (null until then). */
  chain_seq: ColumnType<string | null, never, string>;
  /** HMAC(audit key, the previous event's hash ‖ this event), base64url. */
  chain_hash: ColumnType<string | null, never, string>;
}

/** The last sealed event: where the next seal continues the chain. */
export interface AuditChainHeadTable {
  singleton: ColumnType<boolean, boolean | undefined, never>;
  seq: string;
  hash: string;
  sealed_at: Date;
}

export interface AuditTables {
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
}
