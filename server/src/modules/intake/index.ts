export { createIntakeService, formatCaseNumber, normalisePhone, type IntakeService } from './intake.service.ts';
export { intakeRoutes } from './intake.routes.ts';
export { isOpenAt, routeCase } from './routing.ts';
export type { IntakeTables } from './intake.table.ts';
export { createSocialService, type SocialService } from './social.service.ts';
export { socialRoutes } from './social.routes.ts';
