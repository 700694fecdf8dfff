import { z } from 'zod';
import { ACTIONS, ROLE_CODES, SCOPE_LEVELS } from '../access.ts';

export const SignInRequest = z
  .object({
    email: z.email().max(254),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'SignInRequest' });
export type SignInRequest = z.infer<typeof SignInRequest>;

export const RoleAssignment = z.object({
  role: z.enum(ROLE_CODES),
  roleName: z.object({ th: z.string(), en: z.string() }),
  scope: z.object({
    level: z.enum(SCOPE_LEVELS),
    /** Unit id, province code or agency id the scope is bound to; null for the nation. */
    ref: z.string().nullable(),
    name: z.object({ th: z.string(), en: z.string().nullable() }),
  }),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const CurrentUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.object({ th: z.string(), en: z.string().nullable() }),
    position: z.string().nullable(),
    unit: z.object({ id: z.uuid(), name: z.object({ th: z.string(), en: z.string().nullable() }) }).nullable(),
    roles: z.array(RoleAssignment),
    /** What this person may do: the web app shows only what is allowed. */
    permissions: z.array(z.enum(ACTIONS)),
  })
  .meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof CurrentUser>;

export const SessionResponse = z
  .object({ user: CurrentUser, expiresAt: z.iso.datetime() })
  .meta({ id: 'SessionResponse' });
export type SessionResponse = z.infer<typeof SessionResponse>;
