import { ErrorResponse, SessionResponse, SignInRequest } from '@oscc/contract';
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import type { AuthService } from './auth.service.ts';

export const SESSION_COOKIE = 'oscc_session';

export interface AuthRouteOptions {
  auth: AuthService;
  cookieSecure: 'auto' | boolean;
  signInAttemptsPerMinute: number;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (
  app,
  { auth, cookieSecure, signInAttemptsPerMinute },
) => {
  const isSecure = (request: FastifyRequest) => (cookieSecure === 'auto' ? request.protocol === 'https' : cookieSecure);

  function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) {
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: isSecure(request),
      path: '/',
      expires: expiresAt,
    });
  }

  app.post(
    '/api/auth/sign-in',
    {
      config: {
        access: { public: true }, // the way in
        rateLimit: { max: signInAttemptsPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: SignInRequest,
        response: {
          200: SessionResponse,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          423: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const signedIn = await auth.signIn(request.body.email, request.body.password);
      setSessionCookie(request, reply, signedIn.token, signedIn.expiresAt);
      return { user: signedIn.user, expiresAt: signedIn.expiresAt.toISOString() };
    },
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
      config: { access: { signedIn: true } },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in person, their roles, scopes and permissions',
        response: { 200: SessionResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      const session = await auth.currentSession(requireActor(request));
      return { user: session.user, expiresAt: session.expiresAt.toISOString() };
    },
  );
};
