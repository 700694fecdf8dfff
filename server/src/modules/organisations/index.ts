export {
  createOrganisationsRepository,
  type OrganisationsRepository,
  type NewUnit,
  type NewAgency,
} from './organisations.repository.ts';
export { organisationsRoutes } from './organisations.routes.ts';
export type { OrganisationTables } from './organisations.table.ts';
