import type { OfficeHours } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';

/** How far ahead a business-clock time frame may reach: the longest time frame a procedure allows, and more. */
const HORIZON_DAYS = 400;

/**
 * The public holidays a time frame starting at `from` may cross ('YYYY-MM-DD' in Bangkok) — read only when
 * the clock and the unit's hours make them matter (a 24/7 clock or a unit open round the clock ignores them).
 */
export async function holidaysFor(
  db: Kysely<Database>,
  from: Date,
  clock: '24x7' | 'business',
  hours: OfficeHours,
): Promise<ReadonlySet<string>> {
  if (clock === '24x7' || hours.kind === '24h' || !hours.closedOnPublicHolidays) return new Set();
  const start = new Date(from.getTime() - 86_400_000).toISOString().slice(0, 10);
  const end = new Date(from.getTime() + HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('public_holiday')
    .select('day')
    .where('day', '>=', start)
    .where('day', '<=', end)
    .execute();
  return new Set(rows.map((row) => row.day));
}
