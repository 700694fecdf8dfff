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

export const SecondFactorState = z.enum(['not_required', 'verified', 'enrolment_required']);
export type SecondFactorState = z.infer<typeof SecondFactorState>;

export const SessionResponse = z
  .object({
    user: CurrentUser,
    expiresAt: z.iso.datetime(),
    /** enrolment_required: the role needs two-step verification and the person must set it up before anything else. */
    secondFactor: SecondFactorState,
  })
  .meta({ id: 'SessionResponse' });
export type SessionResponse = z.infer<typeof SessionResponse>;

/** Sign-in either opens a session or asks for the second factor. */
export const SignInResponse = z
  .discriminatedUnion('status', [
    SessionResponse.extend({ status: z.literal('signed_in') }),
    z.object({
      status: z.literal('second_factor_required'),
      /** Send back with the code to POST /api/auth/sign-in/second-factor (valid 5 minutes, once). */
      challenge: z.string(),
      expiresAt: z.iso.datetime(),
    }),
  ])
  .meta({ id: 'SignInResponse' });
export type SignInResponse = z.infer<typeof SignInResponse>;

export const SecondFactorRequest = z
  .object({
    challenge: z.string().min(20).max(200),
    /** The 6-digit code from the authenticator app, or one recovery code. */
    code: z.string().trim().min(6).max(20),
  })
  .meta({ id: 'SecondFactorRequest' });

export const TotpEnrolmentResponse = z
  .object({
    /** For typing into an authenticator app by hand (base32). */
    secret: z.string(),
    /** otpauth:// URI, also shown as the QR code. */
    uri: z.string(),
    /** The QR code as an SVG document. */
    qrSvg: z.string(),
  })
  .meta({ id: 'TotpEnrolmentResponse' });

export const TotpConfirmRequest = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'six digits'),
});
export const RecoveryCodesResponse = z
  .object({ recoveryCodes: z.array(z.string()) })
  .meta({ id: 'RecoveryCodesResponse' });

export const PasswordLinkPurpose = z.enum(['invitation', 'password_reset']);
export const PasswordLinkQuery = z.object({ token: z.string().min(20).max(200), purpose: PasswordLinkPurpose });
export const PasswordLinkInfo = z
  .object({ email: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'PasswordLinkInfo' });
export const SetPasswordRequest = z
  .object({ token: z.string().min(20).max(200), purpose: PasswordLinkPurpose, password: z.string().min(1).max(1024) })
  .meta({ id: 'SetPasswordRequest' });
export const PasswordResetRequest = z.object({ email: z.email().max(254) }).meta({ id: 'PasswordResetRequest' });
