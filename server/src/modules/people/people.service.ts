import {
  parseBirthDate,
  parseEmail,
  parseThaiMobile,
  userFieldProblems,
  type CreateUserRequest,
  type RoleCode,
  type UpdateUserRequest,
  type UpdateUserRolesRequest,
  type UserDetail,
  type UserListQuery,
  type UserRoleInput,
} from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isAllowed, type Principal, type RecordScope } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { enqueueEmail } from '../../platform/mail/outbox.ts';
import { createTokensRepository, createUsersRepository } from '../identity/index.ts';
import { addressNameTh, invitationEmail, passwordResetEmail, setPasswordLink } from './people.mail.ts';
import { createPeopleRepository, userSearchText } from './people.repository.ts';

export interface PeopleSettings {
  appUrl: string;
  invitationTtlHours: number;
  passwordResetTtlMinutes: number;
}

export interface RequestContext {
  actor: Principal;
  requestId: string | null;
}

export function createPeopleService({
  db,
  clock,
  settings,
  onEmailQueued,
}: {
  db: Kysely<Database>;
  clock: Clock;
  settings: PeopleSettings;
  onEmailQueued?: () => void;
}) {
  const people = createPeopleRepository(db);

  /** A fresh single-use invitation link (the earlier one stops working) and its e-mail, in the caller's transaction. */
  async function queueInvitation(
    trx: Kysely<Database>,
    user: { id: string; email: string; titleTh?: string | null; firstNameTh: string; lastNameTh: string },
    now: Date,
  ): Promise<void> {
    const invitation = await createTokensRepository(trx).issue(
      user.id,
      'invitation',
      now,
      settings.invitationTtlHours * 3_600_000,
    );
    const link = setPasswordLink(settings.appUrl, invitation.token, 'invitation');
    await enqueueEmail(
      trx,
      invitationEmail({ to: user.email, nameTh: addressNameTh(user), link, expiresAt: invitation.expiresAt }),
      now,
    );
  }

  async function unitRecord(unitId: string): Promise<RecordScope & { nameTh: string }> {
    const unit = await people.unitScope(unitId);
    if (!unit)
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'body.unitId', code: 'unknown_unit', message: 'ไม่พบหน่วยงานนี้ / Unknown unit' }],
      });
    return { unitId: unit.id, provinceCode: unit.provinceCode, ministryId: unit.ministryId, nameTh: unit.nameTh };
  }

  async function roleScopeRecord(trx: Kysely<Database>, role: UserRoleInput): Promise<RecordScope> {
    if (role.scopeLevel === 'unit') {
      if (!role.unitId)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'body.roles.unitId', code: 'required', message: 'unit scope needs unitId' }],
        });
      const unit = await createPeopleRepository(trx).unitScope(role.unitId);
      if (!unit)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'body.roles.unitId', code: 'unknown_unit', message: 'Unknown unit' }],
        });
      return { unitId: unit.id, provinceCode: unit.provinceCode, ministryId: unit.ministryId };
    }
    if (role.scopeLevel === 'province') {
      if (!role.provinceCode)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'body.roles.provinceCode', code: 'required', message: 'province scope needs provinceCode' }],
        });
      return { unitId: null, provinceCode: role.provinceCode, ministryId: null };
    }
    if (role.scopeLevel === 'ministry') {
      if (!role.agencyId)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'body.roles.agencyId', code: 'required', message: 'ministry scope needs agencyId' }],
        });
      return { unitId: null, provinceCode: null, ministryId: role.agencyId };
    }
    return { unitId: null, provinceCode: null, ministryId: null };
  }

  /** People may hand out only roles that fit the role's level and lie inside their own reach. */
  async function assertCanAssign(trx: Kysely<Database>, actor: Principal, roles: UserRoleInput[]): Promise<void> {
    for (const role of roles) {
      const definition = await trx
        .selectFrom('role')
        .select(['scope_level'])
        .where('code', '=', role.role as RoleCode)
        .executeTakeFirst();
      if (!definition || definition.scope_level !== role.scopeLevel) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body.roles',
              code: 'scope_level',
              message: `${role.role} is assigned at ${definition?.scope_level ?? '?'} level`,
            },
          ],
        });
      }
      if (!isAllowed(actor, 'users.manage', await roleScopeRecord(trx, role)))
        throw new AppError('FORBIDDEN', { internal: 'role outside reach' });
    }
  }

  /** Nobody could administer the system without an active central administrator: keep one besides this person. */
  async function assertAnotherAdmin(trx: Kysely<Database>, userId: string, path: string): Promise<void> {
    const other = await trx
      .selectFrom('user_role')
      .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
      .select('user_role.user_id')
      .where('user_role.role_code', '=', 'central_admin')
      .where('app_user.status', '=', 'active')
      .where('app_user.id', '<>', userId)
      .executeTakeFirst();
    if (!other)
      throw new AppError('VALIDATION_FAILED', {
        fields: [
          {
            path,
            code: 'last_admin',
            message: 'ต้องมีผู้ดูแลระบบส่วนกลางอย่างน้อยหนึ่งคน / At least one central administrator must remain',
          },
        ],
      });
  }

  /**
   * A supervisor must be someone the actor can see, not the person themselves,
   * and not someone who (directly or further up) reports to the person.
   */
  async function checkSupervisor(actor: Principal, supervisorId: string, userId: string | null): Promise<void> {
    const problem = (code: string, message: string) =>
      new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.supervisorId', code, message }] });
    if (supervisorId === userId) throw problem('self', 'ผู้บังคับบัญชาต้องไม่ใช่ตนเอง / A person cannot supervise themselves');
    if (!(await people.findInScope(actor, 'users.read', supervisorId, clock.now())))
      throw problem('unknown_supervisor', 'ไม่พบผู้บังคับบัญชานี้ / Unknown supervisor');
    if (!userId) return;
    let current: string | null = supervisorId;
    for (let depth = 0; current && depth < 50; depth += 1) {
      const row: { supervisor_id: string | null } | undefined = await db
        .selectFrom('app_user')
        .select('supervisor_id')
        .where('id', '=', current)
        .executeTakeFirst();
      current = row?.supervisor_id ?? null;
      if (current === userId)
        throw problem('cycle', 'ผู้บังคับบัญชาคนนี้อยู่ใต้บังคับบัญชาของผู้ใช้นี้ / This supervisor reports to this person');
    }
  }

  function normalise(input: { email?: string; mobile?: string | null; birthDate?: string | null }) {
    const problems = userFieldProblems(input, clock.now());
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
    const email =
      input.email !== undefined ? (parseEmail(input.email) as { ok: true; value: string }).value : undefined;
    const mobile = input.mobile
      ? (parseThaiMobile(input.mobile) as { ok: true; value: string }).value
      : input.mobile === null
        ? null
        : undefined;
    const birthDate = input.birthDate
      ? (parseBirthDate(input.birthDate, clock.now()) as { ok: true; value: string }).value
      : input.birthDate === null
        ? null
        : undefined;
    return { email, mobile, birthDate };
  }

  return {
    list: (actor: Principal, query: UserListQuery) => people.list(actor, query, clock.now()),

    async get(actor: Principal, userId: string): Promise<UserDetail> {
      const user = await people.findInScope(actor, 'users.read', userId, clock.now());
      if (!user) throw new AppError('NOT_FOUND');
      return user;
    },

    /**
     * Creates a person and sends the invitation: user, roles, the single-use
     * link, the e-mail (outbox) and the audit record in one transaction.
     */
    async create(context: RequestContext, input: CreateUserRequest): Promise<UserDetail> {
      const { actor } = context;
      const normalised = normalise({
        email: input.email,
        mobile: input.mobile ?? null,
        birthDate: input.birthDate ?? null,
      });
      const unit = await unitRecord(input.unitId);
      if (!isAllowed(actor, 'users.manage', unit)) throw new AppError('FORBIDDEN', { internal: 'unit outside reach' });
      if (input.supervisorId) await checkSupervisor(actor, input.supervisorId, null);
      if (await people.findByEmail(normalised.email!)) throw new AppError('EMAIL_IN_USE');
      const now = clock.now();
      const userId = await db.transaction().execute(async (trx) => {
        await assertCanAssign(trx, actor, input.roles);
        const users = createUsersRepository(trx);
        const id = await users.insert(
          {
            email: normalised.email!,
            passwordHash: null,
            titleTh: input.titleTh ?? null,
            firstNameTh: input.firstNameTh,
            lastNameTh: input.lastNameTh,
            firstNameEn: input.firstNameEn ?? null,
            lastNameEn: input.lastNameEn ?? null,
            position: input.position ?? null,
            unitId: input.unitId,
          },
          now,
        );
        await trx
          .updateTable('app_user')
          .set({
            birth_date: normalised.birthDate ?? null,
            gender: input.gender ?? null,
            mobile: normalised.mobile ?? null,
            supervisor_id: input.supervisorId ?? null,
            invited_at: now,
            search_text: userSearchText({ ...input, email: normalised.email! }),
          })
          .where('id', '=', id)
          .execute();
        for (const role of input.roles) await users.assignRole(id, role);
        await queueInvitation(trx, { ...input, id, email: normalised.email! }, now);
        await recordAudit(
          trx,
          { actorUserId: actor.userId, requestId: context.requestId, now },
          {
            action: 'user.create',
            entityType: 'user',
            entityId: id,
            after: { ...input, email: normalised.email, mobile: normalised.mobile, birthDate: normalised.birthDate },
          },
        );
        return id;
      });
      onEmailQueued?.();
      // The creator may hold users.manage without users.read over everyone they create; show them the record anyway.
      const created = await people.findById(userId, now);
      if (!created) throw new Error('created user vanished');
      return created;
    },

    /** Edits a person; `version` must match (no lost update). Moving them to another unit needs reach over both. */
    async update(context: RequestContext, userId: string, input: UpdateUserRequest): Promise<UserDetail> {
      const { actor } = context;
      const current = await people.findInScope(actor, 'users.manage', userId, clock.now());
      if (!current) throw new AppError('NOT_FOUND');
      if (
        input.unitId &&
        input.unitId !== current.unit?.id &&
        !isAllowed(actor, 'users.manage', await unitRecord(input.unitId))
      ) {
        throw new AppError('FORBIDDEN', { internal: 'target unit outside reach' });
      }
      if (input.supervisorId) await checkSupervisor(actor, input.supervisorId, userId);
      if (
        input.status === 'disabled' &&
        current.status === 'active' &&
        current.roles.some((r) => r.role === 'central_admin')
      )
        await assertAnotherAdmin(db, userId, 'body.status');
      const normalised = normalise({
        ...(input.email !== undefined ? { email: input.email } : {}),
        mobile: input.mobile,
        birthDate: input.birthDate,
      });
      if (normalised.email && normalised.email !== current.email && (await people.findByEmail(normalised.email)))
        throw new AppError('EMAIL_IN_USE');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const next = {
          ...(normalised.email !== undefined ? { email: normalised.email } : {}),
          ...(input.titleTh !== undefined ? { title_th: input.titleTh } : {}),
          ...(input.firstNameTh !== undefined ? { first_name_th: input.firstNameTh } : {}),
          ...(input.lastNameTh !== undefined ? { last_name_th: input.lastNameTh } : {}),
          ...(input.firstNameEn !== undefined ? { first_name_en: input.firstNameEn } : {}),
          ...(input.lastNameEn !== undefined ? { last_name_en: input.lastNameEn } : {}),
          ...(input.position !== undefined ? { position: input.position } : {}),
          ...(input.supervisorId !== undefined ? { supervisor_id: input.supervisorId } : {}),
          ...(normalised.birthDate !== undefined ? { birth_date: normalised.birthDate } : {}),
          ...(input.gender !== undefined ? { gender: input.gender } : {}),
          ...(normalised.mobile !== undefined ? { mobile: normalised.mobile } : {}),
          ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
        };
        const updated = await trx
          .updateTable('app_user')
          .set({ ...next, version: current.version + 1, updated_at: now })
          .where('id', '=', userId)
          .where('version', '=', input.version)
          .returning(['email', 'first_name_th', 'last_name_th', 'first_name_en', 'last_name_en'])
          .executeTakeFirst();
        if (!updated) throw new AppError('CONFLICT');
        await trx
          .updateTable('app_user')
          .set({
            search_text: userSearchText({
              email: updated.email,
              firstNameTh: updated.first_name_th,
              lastNameTh: updated.last_name_th,
              firstNameEn: updated.first_name_en,
              lastNameEn: updated.last_name_en,
            }),
          })
          .where('id', '=', userId)
          .execute();
        if (input.status === 'disabled') await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
        // A person moved to another unit: the event stays where they were, so the unit they left sees them go.
        const leftUnit =
          input.unitId && current.unit && input.unitId !== current.unit.id
            ? await createPeopleRepository(trx).unitScope(current.unit.id)
            : null;
        await recordAudit(
          trx,
          { actorUserId: actor.userId, requestId: context.requestId, now },
          {
            action: 'user.update',
            entityType: 'user',
            entityId: userId,
            before: current,
            after: next,
            ...(leftUnit
              ? {
                  scope: {
                    unitId: leftUnit.id,
                    provinceCode: leftUnit.provinceCode,
                    ministryId: leftUnit.ministryId,
                  },
                }
              : {}),
          },
        );
      });
      return (await people.findInScope(actor, 'users.read', userId, now)) ?? current;
    },

    /** Sends a fresh invitation link (the earlier one stops working). */
    async reinvite(context: RequestContext, userId: string): Promise<void> {
      const user = await people.findInScope(context.actor, 'users.manage', userId, clock.now());
      if (!user) throw new AppError('NOT_FOUND');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await queueInvitation(trx, user, now);
        await recordAudit(
          trx,
          { actorUserId: context.actor.userId, requestId: context.requestId, now },
          { action: 'user.invite', entityType: 'user', entityId: userId },
        );
      });
      onEmailQueued?.();
    },

    /**
     * Replaces a person's roles. The actor needs reach over every role taken
     * away and every role given; the last central administrator keeps theirs
     * (nobody could administer the system otherwise).
     */
    async setRoles(context: RequestContext, userId: string, input: UpdateUserRolesRequest): Promise<UserDetail> {
      const { actor } = context;
      const current = await people.findInScope(actor, 'users.manage', userId, clock.now());
      if (!current) throw new AppError('NOT_FOUND');
      if (current.version !== input.version) throw new AppError('CONFLICT');
      const existing: UserRoleInput[] = current.roles.map((role) => ({
        role: role.role,
        scopeLevel: role.scopeLevel,
        ...(role.scopeLevel === 'unit' && role.scopeRef ? { unitId: role.scopeRef } : {}),
        ...(role.scopeLevel === 'province' && role.scopeRef ? { provinceCode: role.scopeRef } : {}),
        ...(role.scopeLevel === 'ministry' && role.scopeRef ? { agencyId: role.scopeRef } : {}),
      }));
      const key = (role: UserRoleInput) =>
        [role.role, role.scopeLevel, role.unitId ?? role.provinceCode ?? role.agencyId ?? ''].join(':');
      const wanted = new Map(input.roles.map((role) => [key(role), role]));
      const before = new Set(existing.map(key));
      const removed = existing.filter((role) => !wanted.has(key(role)));
      const added = [...wanted.values()].filter((role) => !before.has(key(role)));
      if (removed.length === 0 && added.length === 0) return current;
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await assertCanAssign(trx, actor, [...removed, ...added]);
        if (removed.some((role) => role.role === 'central_admin')) await assertAnotherAdmin(trx, userId, 'body.roles');
        const bumped = await trx
          .updateTable('app_user')
          .set({ version: current.version + 1, updated_at: now })
          .where('id', '=', userId)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (bumped.numUpdatedRows === 0n) throw new AppError('CONFLICT');
        await trx.deleteFrom('user_role').where('user_id', '=', userId).execute();
        const users = createUsersRepository(trx);
        for (const role of wanted.values()) await users.assignRole(userId, role);
        await recordAudit(
          trx,
          { actorUserId: actor.userId, requestId: context.requestId, now },
          {
            action: 'user.roles.update',
            entityType: 'user',
            entityId: userId,
            before: { roles: existing },
            after: { roles: [...wanted.values()] },
          },
        );
      });
      return (await people.findById(userId, now))!;
    },

    /** A reset link for an active account with this address; silence otherwise (no account discovery). */
    async requestPasswordReset(email: string): Promise<void> {
      const parsed = parseEmail(email);
      if (!parsed.ok) return;
      const user = await people.findByEmail(parsed.value);
      if (!user || user.status !== 'active') return;
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const reset = await createTokensRepository(trx).issue(
          user.id,
          'password_reset',
          now,
          settings.passwordResetTtlMinutes * 60_000,
        );
        const link = setPasswordLink(settings.appUrl, reset.token, 'password_reset');
        await enqueueEmail(
          trx,
          passwordResetEmail({ to: user.email, nameTh: addressNameTh(user), link, expiresAt: reset.expiresAt }),
          now,
        );
      });
      onEmailQueued?.();
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
