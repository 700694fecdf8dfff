export { createCasesService, type CasesService } from './cases.service.ts';
export { casesRoutes } from './cases.routes.ts';
export { createCaseworkService, type CaseworkService } from './casework.service.ts';
export { caseworkRoutes } from './casework.routes.ts';
export { createMyWorkService, type MyWorkService } from './my-work.service.ts';
