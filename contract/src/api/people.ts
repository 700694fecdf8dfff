import { z } from 'zod';
import { ACTIONS, CONDITIONS, ROLE_CODES, SCOPE_LEVELS } from '../access.ts';
import { parseBirthDate, parseEmail, parseThaiMobile } from '../validation/thai-person.ts';

/** A Thai mobile in any common writing; normalised to +66… on the server. */
const Mobile = z.string().trim().max(30);
const BirthDate = z.string().trim().max(20);

export const UserRoleInput = z.object({
  role: z.enum(ROLE_CODES),
  scopeLevel: z.enum(SCOPE_LEVELS),
  unitId: z.uuid().optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  agencyId: z.uuid().optional(),
});
export type UserRoleInput = z.infer<typeof UserRoleInput>;

/** Every Front Line 1 field. */
export const UserFields = z.object({
  email: z.string().trim().max(254),
  titleTh: z.string().trim().max(40).nullable().optional(),
  firstNameTh: z.string().trim().min(1).max(100),
  lastNameTh: z.string().trim().min(1).max(100),
  firstNameEn: z.string().trim().max(100).nullable().optional(),
  lastNameEn: z.string().trim().max(100).nullable().optional(),
  position: z.string().trim().max(200).nullable().optional(),
  supervisorId: z.uuid().nullable().optional(),
  birthDate: BirthDate.nullable().optional(),
  gender: z.enum(['male', 'female', 'other']).nullable().optional(),
  mobile: Mobile.nullable().optional(),
  unitId: z.uuid(),
});

export const CreateUserRequest = UserFields.extend({ roles: z.array(UserRoleInput).max(5).default([]) }).meta({
  id: 'CreateUserRequest',
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = UserFields.partial()
  .extend({ version: z.number().int().min(1), status: z.enum(['active', 'disabled']).optional() })
  .meta({ id: 'UpdateUserRequest' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const UserDetail = z
  .object({
    id: z.uuid(),
    email: z.string(),
    titleTh: z.string().nullable(),
    firstNameTh: z.string(),
    lastNameTh: z.string(),
    firstNameEn: z.string().nullable(),
    lastNameEn: z.string().nullable(),
    position: z.string().nullable(),
    supervisor: z.object({ id: z.uuid(), nameTh: z.string() }).nullable(),
    birthDate: z.string().nullable(),
    gender: z.enum(['male', 'female', 'other']).nullable(),
    mobile: z.string().nullable(),
    unit: z.object({ id: z.uuid(), nameTh: z.string(), provinceCode: z.string().nullable() }).nullable(),
    status: z.enum(['active', 'disabled']),
    /** invited: has not set a password yet. */
    accountState: z.enum(['invited', 'active', 'disabled', 'locked']),
    secondFactorEnabled: z.boolean(),
    roles: z.array(
      z.object({
        role: z.enum(ROLE_CODES),
        scopeLevel: z.enum(SCOPE_LEVELS),
        scopeRef: z.string().nullable(),
        /** The unit's, province's or ministry's Thai name; null for the nation. */
        scopeNameTh: z.string().nullable(),
      }),
    ),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'UserDetail' });
export type UserDetail = z.infer<typeof UserDetail>;

export const UserListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  unitId: z.uuid().optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserPage = z
  .object({ items: z.array(UserDetail), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'UserPage' });

/** Shared field checks with Thai and English messages (the server runs them; forms may too). */
export function userFieldProblems(
  input: { email?: string | null; mobile?: string | null; birthDate?: string | null },
  today: Date,
): { path: string; code: string; message: string }[] {
  const problems: { path: string; code: string; message: string }[] = [];
  if (input.email !== undefined && input.email !== null) {
    const email = parseEmail(input.email);
    if (!email.ok)
      problems.push({
        path: 'body.email',
        code: email.problem.code,
        message: `${email.problem.th} / ${email.problem.en}`,
      });
  }
  if (input.mobile) {
    const mobile = parseThaiMobile(input.mobile);
    if (!mobile.ok)
      problems.push({
        path: 'body.mobile',
        code: mobile.problem.code,
        message: `${mobile.problem.th} / ${mobile.problem.en}`,
      });
  }
  if (input.birthDate) {
    const birthDate = parseBirthDate(input.birthDate, today);
    if (!birthDate.ok)
      problems.push({
        path: 'body.birthDate',
        code: birthDate.problem.code,
        message: `${birthDate.problem.th} / ${birthDate.problem.en}`,
      });
  }
  return problems;
}

/** Replaces a person's role assignments; `version` is the person's. */
export const UpdateUserRolesRequest = z
  .object({ version: z.number().int().min(1), roles: z.array(UserRoleInput).max(5) })
  .meta({ id: 'UpdateUserRolesRequest' });
export type UpdateUserRolesRequest = z.infer<typeof UpdateUserRolesRequest>;

/** One permission rule: the action, and the alternatives (OR) of conditions (AND) under which it is allowed. */
export const PermissionRuleSchema = z.object({
  action: z.enum(ACTIONS),
  conditions: z
    .array(z.array(z.enum(CONDITIONS)).min(1).max(4))
    .min(1)
    .max(4),
});

export const RoleInfo = z
  .object({
    code: z.enum(ROLE_CODES),
    nameTh: z.string(),
    nameEn: z.string(),
    scopeLevel: z.enum(SCOPE_LEVELS),
    requiresSecondFactor: z.boolean(),
    rules: z.array(PermissionRuleSchema),
  })
  .meta({ id: 'RoleInfo' });
export type RoleInfo = z.infer<typeof RoleInfo>;

/** Replaces a role's permission rules (each action at most once). */
export const UpdateRoleRulesRequest = z
  .object({
    rules: z
      .array(PermissionRuleSchema)
      .max(ACTIONS.length)
      .refine((rules) => new Set(rules.map((rule) => rule.action)).size === rules.length, {
        message: 'each action at most once',
      }),
  })
  .meta({ id: 'UpdateRoleRulesRequest' });
export type UpdateRoleRulesRequest = z.infer<typeof UpdateRoleRulesRequest>;
