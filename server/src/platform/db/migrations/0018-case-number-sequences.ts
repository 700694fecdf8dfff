import { sql, type Kysely } from 'kysely';

/**
 * Issue 9: case numbers come from one sequence per Buddhist year instead of the `case_number_counter` row.
 *
 * Every intake used to take the year's counter row with an UPDATE at the start of its transaction and hold its lock
 * until commit, so concurrent intakes ran one after another (bench/intake.bench.ts: 8 in flight, almost every
 * backend waiting on that row). A sequence hands out numbers without a lock held to commit. The price: a write that
 * fails after taking its number leaves a gap — numbers stay unique and increasing, not gap-free (ARCHITECTURE.md).
 *
 * Expand/contract: `case_number_counter` stays (nothing reads it any more) and is dropped by a later migration,
 * never in the step that stops using it. Its values seed each year's sequence so numbering carries on.
 */
const statements = [
  // The case number people read out on the phone — the Buddhist-era year and a running number, "2569-000123" (six digits at least, never cut short), in the
  // statement that inserts the case: no round trip of its own.
  sql`create function next_case_number(year_be integer) returns text language plpgsql as $$
declare
  seq text := 'case_number_' || year_be;
  n text;
begin
  if to_regclass(seq) is null then
    begin
      execute format('create sequence if not exists %I as integer', seq);
    exception when unique_violation or duplicate_table then
      null; -- another transaction created it at the same moment
    end;
  end if;
  n := nextval(seq)::text;
  return year_be || '-' || case when length(n) < 6 then lpad(n, 6, '0') else n end;
end $$`,
  sql`do $$
declare
  counter record;
begin
  for counter in select year_be, last_number from case_number_counter loop
    execute format('create sequence if not exists %I as integer', 'case_number_' || counter.year_be);
    perform setval('case_number_' || counter.year_be, counter.last_number);
  end loop;
end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
