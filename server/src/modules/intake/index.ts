export { createIntakeService, formatCaseNumber, normalisePhone, type IntakeService } from './intake.service.ts';
export { intakeRoutes } from './intake.routes.ts';
export { decisionFrom, isOpenAt, rankUnitsForCase, routeCase, type RoutingInput } from './routing.ts';
export { checkAttachments, storeAttachments, type CheckedAttachment } from './attachments.ts';
export { nameSimilarity } from './name-similarity.ts';
export type { IntakeTables } from './intake.table.ts';
export { createSocialService, type SocialService } from './social.service.ts';
export { socialRoutes } from './social.routes.ts';
export { activeProcedureFor, moveCase } from './case-state.ts';
