import { createHash, randomBytes } from 'node:crypto';
import type { CurrentUser } from '@oscc/contract';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { Actor } from '../../platform/http/access.ts';
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import type { UserProfileRecord, UsersRepository } from './users.repository.ts';

export interface AuthSettings {
  sessionTtlHours: number;
  maxFailures: number;
  lockoutMinutes: number;
}

export interface AuthDependencies {
  users: UsersRepository;
  sessions: SessionsRepository;
  clock: Clock;
  settings: AuthSettings;
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  user: CurrentUser;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sessions are only touched in the database when this much time has passed, to spare a write per request. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export function createAuthService({ users, sessions, clock, settings }: AuthDependencies) {
  return {
    /**
     * Checks the password (argon2id), counts failures, locks the account after
     * too many, and opens a session. Unknown e-mails cost the same time as
     * known ones and get the same answer.
     */
    async signIn(email: string, password: string): Promise<SignedIn> {
      const now = clock.now();
      const user = await users.findForSignIn(email);
      if (!user || !user.passwordHash) {
        await verifyPassword(await decoyPasswordHash(), password);
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        throw new AppError('ACCOUNT_LOCKED', { headers: { 'retry-after': retryAfterSeconds(user.lockedUntil, now) } });
      }
      const passwordMatches = await verifyPassword(user.passwordHash, password);
      if (!passwordMatches) {
        const lockUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
        const outcome = await users.recordFailedSignIn(user.id, now, settings.maxFailures, lockUntil);
        if (outcome.lockedUntil && outcome.lockedUntil > now) {
          throw new AppError('ACCOUNT_LOCKED', {
            headers: { 'retry-after': retryAfterSeconds(outcome.lockedUntil, now) },
          });
        }
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
      const upgradedHash = needsRehash(user.passwordHash) ? await hashPassword(password) : undefined;
      await users.recordSuccessfulSignIn(user.id, now, upgradedHash);

      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + settings.sessionTtlHours * 3_600_000);
      await sessions.insert({ tokenHash: hashSessionToken(token), userId: user.id, createdAt: now, expiresAt });
      const profile = await users.loadProfile(user.id);
      if (!profile) throw new Error('user vanished during sign-in');
      return { token, expiresAt, user: presentCurrentUser(profile) };
    },

    async signOut(token: string): Promise<void> {
      await sessions.delete(hashSessionToken(token));
    },

    /** The actor behind a session token, or null if the session is unknown or expired. */
    async resolveActor(token: string): Promise<Actor | null> {
      const now = clock.now();
      const tokenHash = hashSessionToken(token);
      const session = await sessions.findLive(tokenHash, now);
      if (!session) return null;
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await sessions.touch(tokenHash, now);
      const permissions = await users.permissionsOf(session.userId);
      return { userId: session.userId, sessionTokenHash: tokenHash, permissions: new Set(permissions) };
    },

    async currentSession(actor: Actor): Promise<{ user: CurrentUser; expiresAt: Date }> {
      const session = await sessions.findLive(actor.sessionTokenHash, clock.now());
      const profile = await users.loadProfile(actor.userId);
      if (!session || !profile) throw new AppError('SIGN_IN_REQUIRED');
      return { user: presentCurrentUser(profile), expiresAt: session.expiresAt };
    },

    async deleteExpiredSessions(): Promise<number> {
      return sessions.deleteExpired(clock.now());
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

function retryAfterSeconds(until: Date, now: Date): string {
  return String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
}

export function presentCurrentUser(profile: UserProfileRecord): CurrentUser {
  const nameTh = [profile.titleTh ?? '', `${profile.firstNameTh} ${profile.lastNameTh}`].join('').trim();
  const nameEn = profile.firstNameEn && profile.lastNameEn ? `${profile.firstNameEn} ${profile.lastNameEn}` : null;
  return {
    id: profile.id,
    email: profile.email,
    name: { th: nameTh, en: nameEn },
    position: profile.position,
    unit: profile.unit ? { id: profile.unit.id, name: { th: profile.unit.nameTh, en: profile.unit.nameEn } } : null,
    roles: profile.roles.map((role) => ({
      role: role.role,
      roleName: { th: role.roleNameTh, en: role.roleNameEn },
      scope: { level: role.scopeLevel, ref: role.scopeRef, name: { th: role.scopeNameTh, en: role.scopeNameEn } },
    })),
    permissions: profile.permissions,
  };
}
