import type { Agency } from '@oscc/contract';

/**
 * Agencies that hold units, each followed in the list by its parent ministry's
 * name: ministries themselves hold no units, their departments do.
 */
export function agenciesWithUnits(agencies: readonly Agency[]): { agency: Agency; parent: Agency | null }[] {
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  return agencies
    .filter((agency) => agency.unitCount > 0)
    .map((agency) => ({ agency, parent: agency.parentId ? (byId.get(agency.parentId) ?? null) : null }))
    .sort((a, b) => b.agency.unitCount - a.agency.unitCount || a.agency.code.localeCompare(b.agency.code));
}
