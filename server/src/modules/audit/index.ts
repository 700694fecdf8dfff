export { createAuditRepository, type AuditRepository } from './audit.repository.ts';
export { auditRoutes } from './audit.routes.ts';
