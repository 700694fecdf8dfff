import '@fastify/cookie';
import {
  ErrorResponse,
  PasswordLinkInfo,
  PasswordLinkQuery,
  PasswordResetRequest,
  RecoveryCodesResponse,
  SecondFactorRequest,
  SessionResponse,
  SetPasswordRequest,
  SignInRequest,
  SignInResponse,
  TotpConfirmRequest,
  TotpEnrolmentResponse,
} from '@oscc/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import type { AuthService, SignInOutcome } from './auth.service.ts';

export const SESSION_COOKIE = 'oscc_session';

export interface AuthRouteOptions {
  auth: AuthService;
  /** Sends a reset link if the address belongs to an active account; says nothing either way. */
  requestPasswordReset: (email: string) => Promise<void>;
  cookieSecure: 'auto' | boolean;
  signInAttemptsPerMinute: number;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, options) => {
  const { auth, cookieSecure, signInAttemptsPerMinute } = options;
  const isSecure = (request: FastifyRequest) => (cookieSecure === 'auto' ? request.protocol === 'https' : cookieSecure);
  const strictLimit = { rateLimit: { max: signInAttemptsPerMinute, timeWindow: '1 minute' } };

  function answer(request: FastifyRequest, reply: FastifyReply, outcome: SignInOutcome): SignInResponse {
    if (outcome.status === 'second_factor_required') {
      return { status: outcome.status, challenge: outcome.challenge, expiresAt: outcome.expiresAt.toISOString() };
    }
    void reply.setCookie(SESSION_COOKIE, outcome.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: isSecure(request),
      path: '/',
      expires: outcome.expiresAt,
    });
    return {
      status: 'signed_in',
      user: outcome.user,
      expiresAt: outcome.expiresAt.toISOString(),
      secondFactor: outcome.secondFactor,
    };
  }

  const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 423: ErrorResponse, 429: ErrorResponse };

  app.post(
    '/api/auth/sign-in',
    {
      config: { access: { public: true }, ...strictLimit }, // the way in
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie, or asks for the second factor',
        body: SignInRequest,
        response: { 200: SignInResponse, ...errors },
      },
    },
    async (request, reply) => answer(request, reply, await auth.signIn(request.body.email, request.body.password)),
  );

  app.post(
    '/api/auth/sign-in/second-factor',
    {
      config: { access: { public: true }, ...strictLimit }, // the second half of the way in
      schema: {
        tags: ['auth'],
        summary: 'Complete sign-in with the authenticator code (or a recovery code)',
        body: SecondFactorRequest,
        response: { 200: SignInResponse, ...errors },
      },
    },
    async (request, reply) =>
      answer(request, reply, await auth.completeSecondFactor(request.body.challenge, request.body.code)),
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { access: { public: true } }, // signing out must work with an expired session too
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session and clears the cookie',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await auth.signOut(token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecure(request) });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: { signedIn: true, duringEnrolment: true } },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in person, their roles, scopes and permissions',
        response: { 200: SessionResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      const session = await auth.currentSession(requireActor(request));
      return { user: session.user, expiresAt: session.expiresAt.toISOString(), secondFactor: session.secondFactor };
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { access: { signedIn: true, duringEnrolment: true } },
      schema: {
        tags: ['auth'],
        summary: 'Start setting up two-step verification: a new secret and its QR code',
        response: { 200: TotpEnrolmentResponse, 401: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => auth.startTotpEnrolment(requireActor(request)),
  );

  app.post(
    '/api/auth/totp/confirm',
    {
      config: { access: { signedIn: true, duringEnrolment: true }, ...strictLimit },
      schema: {
        tags: ['auth'],
        summary: 'Finish setting up two-step verification with a first code; returns the recovery codes (shown once)',
        body: TotpConfirmRequest,
        response: { 200: RecoveryCodesResponse, 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => auth.confirmTotpEnrolment(requireActor(request), request.body.code),
  );

  app.get(
    '/api/auth/password-link',
    {
      config: { access: { public: true }, ...strictLimit }, // opened from an e-mail, before any sign-in
      schema: {
        tags: ['auth'],
        summary: 'Check an invitation or password-reset link before asking for the new password',
        querystring: PasswordLinkQuery,
        response: { 200: PasswordLinkInfo, 400: ErrorResponse, 410: ErrorResponse },
      },
    },
    async (request) => {
      const link = await auth.checkPasswordLink(request.query.token, request.query.purpose);
      return { email: link.email, expiresAt: link.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { public: true }, ...strictLimit }, // the link is the credential
      schema: {
        tags: ['auth'],
        summary: 'Set a password with a single-use invitation or reset link',
        body: SetPasswordRequest,
        response: { 204: z.null(), 400: ErrorResponse, 410: ErrorResponse },
      },
    },
    async (request, reply) => {
      await auth.setPasswordWithLink(request.body.token, request.body.purpose, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: { public: true }, ...strictLimit }, // for people who cannot sign in
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password-reset link by e-mail (the answer is the same whether the address is known or not)',
        body: PasswordResetRequest,
        response: { 202: z.null(), 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      await options.requestPasswordReset(request.body.email);
      return reply.status(202).send(null);
    },
  );
};
