import { sql, type Kysely } from 'kysely';

/**
 * Audit events carry the scope of the record they are about, so the audit viewer can be filtered in SQL.
 * The scope is what the record's scope was when the event happened (a person moved to another province later
 * keeps their earlier history where it was). All null = a nation-level record, which only nation-wide readers see.
 * No foreign keys: the trail outlives whatever it describes.
 */
const statements = [
  sql`alter table audit_event add column scope_unit_id uuid`,
  sql`alter table audit_event add column scope_province_code text`,
  sql`alter table audit_event add column scope_ministry_id uuid`,

  // Backfill from the records as they are now — the best we know of the rows written before this migration.
  sql`update audit_event e
      set scope_unit_id = u.unit_id, scope_province_code = unit.province_code, scope_ministry_id = agency.root_id
      from app_user u
      left join unit on unit.id = u.unit_id
      left join agency on agency.id = unit.agency_id
      where e.entity_type = 'user' and e.entity_id = u.id::text`,
  sql`update audit_event e
      set scope_unit_id = unit.id, scope_province_code = unit.province_code, scope_ministry_id = agency.root_id
      from unit
      join agency on agency.id = unit.agency_id
      where e.entity_type in ('unit', 'unit_area') and e.entity_id = unit.id::text`,
  sql`update audit_event e
      set scope_ministry_id = agency.root_id
      from agency
      where e.entity_type = 'agency' and e.entity_id = agency.id::text`,

  // The viewer lists newest first within the reader's scope, or by who acted.
  sql`create index audit_event_province_idx on audit_event(scope_province_code, at)`,
  sql`create index audit_event_ministry_idx on audit_event(scope_ministry_id, at)`,
  sql`create index audit_event_unit_idx on audit_event(scope_unit_id, at)`,
  sql`create index audit_event_actor_idx on audit_event(actor_user_id, at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
