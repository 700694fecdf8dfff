import { GOVERNMENT_OFFICE_HOURS, OfficeHours } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';

/**
 * A unit's opening hours as its row keeps them (writes keep `open_24_hours` in step with the hours); hours that
 * cannot be read count as round the clock for a unit marked so, and as a government office's otherwise.
 */
export function officeHoursOf(stored: unknown, open24Hours: boolean): OfficeHours {
  const parsed = OfficeHours.safeParse(stored);
  if (parsed.success) return parsed.data;
  return open24Hours ? { kind: '24h' } : GOVERNMENT_OFFICE_HOURS;
}

/** The opening hours of a unit by id; a unit that is gone counts round the clock. */
export async function loadOfficeHours(db: Kysely<Database>, unitId: string | null): Promise<OfficeHours> {
  if (!unitId) return { kind: '24h' };
  const unit = await db
    .selectFrom('unit')
    .select(['office_hours', 'open_24_hours'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  return unit ? officeHoursOf(unit.office_hours, unit.open_24_hours) : { kind: '24h' };
}
