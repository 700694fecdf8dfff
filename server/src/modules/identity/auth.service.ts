import { createHash, randomBytes } from 'node:crypto';
import type { CurrentUser } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { Actor } from '../../platform/http/access.ts';
import type { SecondFactorState } from './identity.table.ts';
import { decoyPasswordHash, hashPassword, needsRehash, passwordProblems, verifyPassword } from './passwords.ts';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpEnrolment, verifyTotp } from './second-factor.ts';
import { createSessionsRepository, type SessionsRepository } from './sessions.repository.ts';
import { createTokensRepository, type TokensRepository } from './tokens.repository.ts';
import { createUsersRepository, type UserProfileRecord, type UsersRepository } from './users.repository.ts';

export interface AuthSettings {
  sessionTtlHours: number;
  maxFailures: number;
  lockoutMinutes: number;
}

export interface AuthDependencies {
  db: Kysely<Database>;
  clock: Clock;
  settings: AuthSettings;
}

export type SignInOutcome =
  | { status: 'signed_in'; token: string; expiresAt: Date; user: CurrentUser; secondFactor: SecondFactorState }
  | { status: 'second_factor_required'; challenge: string; expiresAt: Date };

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sessions are only touched in the database when this much time has passed, to spare a write per request. */
const TOUCH_INTERVAL_MS = 5 * 60_000;
const CHALLENGE_LIFETIME_MS = 5 * 60_000;

export function createAuthService({ db, clock, settings }: AuthDependencies) {
  const users: UsersRepository = createUsersRepository(db);
  const sessions: SessionsRepository = createSessionsRepository(db);
  const tokens: TokensRepository = createTokensRepository(db);

  async function countFailure(
    userId: string,
    now: Date,
    code: 'INVALID_CREDENTIALS' | 'INVALID_SECOND_FACTOR' = 'INVALID_CREDENTIALS',
  ): Promise<never> {
    const lockUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
    const outcome = await users.recordFailedSignIn(userId, now, settings.maxFailures, lockUntil);
    if (outcome.lockedUntil && outcome.lockedUntil > now) {
      throw new AppError('ACCOUNT_LOCKED', { headers: { 'retry-after': retryAfterSeconds(outcome.lockedUntil, now) } });
    }
    throw new AppError(code);
  }

  async function openSession(userId: string, secondFactor: SecondFactorState): Promise<SignInOutcome> {
    const now = clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + settings.sessionTtlHours * 3_600_000);
    await sessions.insert({ tokenHash: hashSessionToken(token), userId, createdAt: now, expiresAt, secondFactor });
    const profile = await users.loadProfile(userId);
    if (!profile) throw new Error('user vanished during sign-in');
    return { status: 'signed_in', token, expiresAt, user: presentCurrentUser(profile), secondFactor };
  }

  return {
    /**
     * Step one: the password (argon2id). Failures count towards the lock-out;
     * unknown e-mails cost the same time and get the same answer. A person
     * with TOTP set up gets a short-lived challenge instead of a session; one
     * whose role needs TOTP but has none yet gets a session that can only set
     * it up.
     */
    async signIn(email: string, password: string): Promise<SignInOutcome> {
      const now = clock.now();
      const user = await users.findForSignIn(email);
      if (!user || !user.passwordHash) {
        await verifyPassword(await decoyPasswordHash(), password);
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        throw new AppError('ACCOUNT_LOCKED', { headers: { 'retry-after': retryAfterSeconds(user.lockedUntil, now) } });
      }
      if (!(await verifyPassword(user.passwordHash, password))) return countFailure(user.id, now);
      if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
      const upgradedHash = needsRehash(user.passwordHash) ? await hashPassword(password) : undefined;

      if (user.totpEnabled) {
        if (upgradedHash) await users.setPassword(user.id, upgradedHash, now);
        const challenge = await tokens.issue(user.id, 'sign_in_challenge', now, CHALLENGE_LIFETIME_MS);
        return { status: 'second_factor_required', challenge: challenge.token, expiresAt: challenge.expiresAt };
      }
      await users.recordSuccessfulSignIn(user.id, now, upgradedHash);
      return openSession(user.id, (await users.requiresSecondFactor(user.id)) ? 'enrolment_required' : 'not_required');
    },

    /** Step two, for people with TOTP: the 6-digit code, or one recovery code. */
    async completeSecondFactor(challenge: string, code: string): Promise<SignInOutcome> {
      const now = clock.now();
      const pending = await tokens.peek(challenge, 'sign_in_challenge', now);
      if (!pending) throw new AppError('SIGN_IN_EXPIRED');
      const user = await users.findSecondFactor(pending.userId);
      if (!user || user.status !== 'active') throw new AppError('SIGN_IN_EXPIRED');
      if (user.lockedUntil && user.lockedUntil > now) {
        throw new AppError('ACCOUNT_LOCKED', { headers: { 'retry-after': retryAfterSeconds(user.lockedUntil, now) } });
      }
      const step = user.totpSecret ? verifyTotp(user.totpSecret, code, now) : null;
      const totpMatches = step !== null && (await users.useTotpStep(user.id, step));
      const recoveryUsed = !totpMatches && (await users.useRecoveryCode(user.id, hashRecoveryCode(code), now));
      if (!totpMatches && !recoveryUsed) return countFailure(user.id, now, 'INVALID_SECOND_FACTOR');
      if (!(await tokens.consume(challenge, 'sign_in_challenge', now))) throw new AppError('SIGN_IN_EXPIRED');
      await users.recordSuccessfulSignIn(user.id, now);
      return openSession(user.id, 'verified');
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
      const { grants } = session;
      return {
        userId: session.userId,
        unitId: session.unitId,
        grants,
        sessionTokenHash: tokenHash,
        permissions: new Set(grants.map((grant) => grant.action)),
        secondFactor: session.secondFactor,
      };
    },

    async currentSession(
      actor: Actor,
    ): Promise<{ user: CurrentUser; expiresAt: Date; secondFactor: SecondFactorState }> {
      const session = await sessions.findLive(actor.sessionTokenHash, clock.now());
      const profile = await users.loadProfile(actor.userId);
      if (!session || !profile) throw new AppError('SIGN_IN_REQUIRED');
      return { user: presentCurrentUser(profile), expiresAt: session.expiresAt, secondFactor: session.secondFactor };
    },

    /** Starts TOTP set-up: a new secret (kept unconfirmed) and its QR code. */
    async startTotpEnrolment(actor: Actor): Promise<{ secret: string; uri: string; qrSvg: string }> {
      const profile = await users.loadProfile(actor.userId);
      if (!profile) throw new AppError('SIGN_IN_REQUIRED');
      const current = await users.findSecondFactor(actor.userId);
      if (current?.totpEnabledAt) throw new AppError('SECOND_FACTOR_ALREADY_SET_UP');
      const secret = newTotpSecret();
      await users.setPendingTotpSecret(actor.userId, secret, clock.now());
      return { secret, ...(await totpEnrolment(secret, profile.email)) };
    },

    /** Confirms set-up with a first code; returns the recovery codes, shown once. */
    async confirmTotpEnrolment(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
      const now = clock.now();
      const current = await users.findSecondFactor(actor.userId);
      if (!current?.totpSecret) throw new AppError('SECOND_FACTOR_NOT_STARTED');
      if (current.totpEnabledAt) throw new AppError('SECOND_FACTOR_ALREADY_SET_UP');
      const step = verifyTotp(current.totpSecret, code, now);
      if (step === null || !(await users.useTotpStep(actor.userId, step))) {
        throw new AppError('INVALID_SECOND_FACTOR');
      }
      const recoveryCodes = newRecoveryCodes();
      await db.transaction().execute(async (trx) => {
        const inTransaction = createUsersRepository(trx);
        await inTransaction.enableTotp(actor.userId, now, recoveryCodes.map(hashRecoveryCode));
        await createSessionsRepository(trx).setSecondFactor(actor.sessionTokenHash, 'verified');
      });
      return { recoveryCodes };
    },

    /** Whether a password link (invitation or reset) is still good, and for whom. */
    async checkPasswordLink(
      token: string,
      purpose: 'invitation' | 'password_reset',
    ): Promise<{ email: string; expiresAt: Date }> {
      const pending = await tokens.peek(token, purpose, clock.now());
      const profile = pending ? await users.loadProfile(pending.userId) : null;
      if (!pending || !profile) throw new AppError('LINK_INVALID');
      return { email: profile.email, expiresAt: pending.expiresAt };
    },

    /** Sets a password through a single-use link; ends the person's other sessions. */
    async setPasswordWithLink(
      token: string,
      purpose: 'invitation' | 'password_reset',
      password: string,
    ): Promise<void> {
      const problems = passwordProblems(password);
      if (problems.length) {
        throw new AppError('VALIDATION_FAILED', {
          fields: problems.map((message) => ({ path: 'body.password', code: 'weak_password', message })),
        });
      }
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const userId = await createTokensRepository(trx).consume(token, purpose, now);
        if (!userId) throw new AppError('LINK_INVALID');
        await createUsersRepository(trx).setPassword(userId, passwordHash, now);
        await createSessionsRepository(trx).deleteForUser(userId);
      });
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
