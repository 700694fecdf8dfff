import { sql, type Kysely } from 'kysely';

/** What checking and routing a case read, which each API process keeps in memory (modules/intake/reference-cache.ts). */
export const REFERENCE_TABLES = [
  'problem_type',
  'procedure_version',
  'agency',
  'unit',
  'unit_area',
  'unit_problem_type',
  'geo_province',
  'geo_district',
  'geo_subdistrict',
] as const;

/**
 * Issue 9: a change to the reference data that checking and routing a case read — problem types, procedures,
 * agencies, units and their areas, places — tells every process when it commits (NOTIFY reference_changed, one per
 * table and transaction), so the processes can keep that data in memory instead of reading it for every intake.
 */
const statements = [
  sql`create function notify_reference_changed() returns trigger language plpgsql as $fn$
begin
  perform pg_notify('reference_changed', tg_table_name);
  return null;
end
$fn$`,
  ...REFERENCE_TABLES.map(
    (table) =>
      sql`create trigger ${sql.id(`${table}_changed`)} after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function notify_reference_changed()`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
