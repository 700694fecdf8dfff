import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The session is a cookie, so a state-changing request must come from our
 * own pages: a browser always sends Origin on cross-site POSTs, and we refuse
 * any whose origin is not ours. (SameSite=Lax cookies and JSON-only bodies
 * are the other two locks on this door.)
 */
export function registerSameOriginCheck(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (!origin) return;
    const own = `${request.protocol}://${request.host}`;
    if (origin !== own && !allowedOrigins.includes(origin)) {
      throw new AppError('CROSS_SITE_REQUEST', { internal: 'origin mismatch' });
    }
  });
}
