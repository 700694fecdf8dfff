export {
  createOrganisationsRepository,
  type OrganisationsRepository,
  type NewUnit,
  type NewAgency,
} from './organisations.repository.ts';
export { createOrganisationsService, type OrganisationsService } from './organisations.service.ts';
export { createUnitImportService, parseOfficeHours, type UnitImportService } from './import-units.service.ts';
export { organisationsRoutes } from './organisations.routes.ts';
export type { OrganisationTables } from './organisations.table.ts';
export { createProblemTypesService, type ProblemTypesService } from './problem-types.service.ts';
export { createHolidaysService, type HolidaysService } from './holidays.service.ts';
