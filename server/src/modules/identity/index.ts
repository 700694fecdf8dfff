export { createAuthService, hashSessionToken, type AuthService } from './auth.service.ts';
export { authRoutes, SESSION_COOKIE } from './auth.routes.ts';
export { createSessionsRepository } from './sessions.repository.ts';
export { createTokensRepository, hashToken } from './tokens.repository.ts';
export { currentTotp } from './second-factor.ts';
export {
  createUsersRepository,
  type UsersRepository,
  type NewUser,
  type NewRoleAssignment,
} from './users.repository.ts';
export { upsertDefaultRoles } from './roles.repository.ts';
export { decoyPasswordHash, hashPassword, passwordProblems, verifyPassword } from './passwords.ts';
export { identityJobs, DELETE_EXPIRED_SESSIONS } from './identity.jobs.ts';
export type { IdentityTables } from './identity.table.ts';
export { emailsOfActionHolders } from './action-holders.ts';
