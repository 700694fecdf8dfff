export { createCasesService, type CasesService } from './cases.service.ts';
export { casesRoutes } from './cases.routes.ts';
