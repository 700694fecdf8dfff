export { createGeographyRepository, type GeographyRepository } from './geography.repository.ts';
export { createGeographyService, type GeographyService } from './geography.service.ts';
export { geographyRoutes } from './geography.routes.ts';
export { normalizeForSearch, searchTerms } from './search-text.ts';
export { loadGeographyReference } from './reference/load-geography-reference.ts';
export type { GeographyTables } from './geography.table.ts';
