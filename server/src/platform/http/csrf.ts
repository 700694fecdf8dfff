import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './app-error.ts';

export const CSRF_COOKIE = 'oscc_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token that goes with a session: HMAC of the session token, so it cannot be planted or reused for another. */
export function csrfTokenFor(key: Buffer | KeyObject, sessionToken: string): string {
  return createHmac('sha256', key).update(sessionToken, 'utf8').digest('base64url');
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * CSRF protection beyond SameSite=Lax and the same-origin check: a request
 * that carries the session cookie and changes something must also carry
 * `x-csrf-token`, equal to HMAC(key, session token). The token travels to
 * our own pages in a readable cookie (`oscc_csrf`, SameSite=Strict) that a
 * page on another site can neither read nor make the browser send as a
 * header. Requests without a session (the public form, webhooks, sign-in)
 * carry no ambient authority and are not asked for it.
 */
export function registerCsrfProtection(
  app: FastifyInstance,
  options: { key: Buffer; sessionCookie: string; isSecure: (request: FastifyRequest) => boolean },
): void {
  const key = createSecretKey(options.key); // made once, not on every request
  const cookieOptions = (request: FastifyRequest) =>
    ({ httpOnly: false, sameSite: 'strict', secure: options.isSecure(request), path: '/' }) as const;

  app.addHook('onRequest', async (request, reply) => {
    const session = request.cookies[options.sessionCookie];
    if (!session) return;
    const expected = csrfTokenFor(key, session);
    // Hand the page its token (sessions begun before this protection, a cleared cookie).
    if (request.cookies[CSRF_COOKIE] !== expected) void reply.setCookie(CSRF_COOKIE, expected, cookieOptions(request));
    if (SAFE_METHODS.has(request.method)) return;
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !same(sent, expected)) {
      throw new AppError('CSRF_TOKEN_INVALID', { internal: sent ? 'csrf token mismatch' : 'csrf token missing' });
    }
  });

  // A response that starts (or ends) a session gives (or takes back) the token with it.
  app.addHook('onSend', async (request, reply, payload) => {
    const setCookie = reply.getHeader('set-cookie');
    const cookies = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
    const prefix = `${options.sessionCookie}=`;
    const session = cookies.find((cookie) => cookie.startsWith(prefix));
    if (session === undefined || cookies.some((cookie) => cookie.startsWith(`${CSRF_COOKIE}=`))) return payload;
    const value = decodeURIComponent(session.slice(prefix.length).split(';')[0] ?? '');
    if (value) void reply.setCookie(CSRF_COOKIE, csrfTokenFor(options.key, value), cookieOptions(request));
    else void reply.clearCookie(CSRF_COOKIE, cookieOptions(request));
    return payload;
  });
}
