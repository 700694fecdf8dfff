export type { PrivacyTables } from './privacy.table.ts';
export { createPrivacyService, type PrivacyService } from './privacy.service.ts';
export { privacyRoutes } from './privacy.routes.ts';
export { privacyJobs, ANONYMISE_EXPIRED_CASES, SEND_PRIVACY_REMINDERS } from './privacy.jobs.ts';
export { sendPrivacyReminders } from './reminders.ts';
export { anonymiseDueCases, anonymiseCase, casesDueForAnonymising } from './retention.ts';
export { rotateFieldKeys, PROTECTED_COLUMNS } from './key-rotation.ts';
