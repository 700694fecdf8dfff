export { createProceduresService, type ProceduresService } from './procedures.service.ts';
export { proceduresRoutes } from './procedures.routes.ts';
export type { ProcedureTables } from './procedures.table.ts';
