import type { FastifyServerOptions } from 'fastify';

/**
 * Logs carry no personal data. Requests are logged by method, route pattern
 * (never the raw URL: a query string may hold a phone number or a name) and
 * status; bodies and headers are not logged, cookies and authorisation
 * headers are redacted should anything pass them in; database errors lose
 * their `detail` (which quotes row values).
 */
export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.email'],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; routeOptions?: { url?: string }; url?: string; id?: string }) {
        const url = request.routeOptions?.url ?? (request.url ?? '').split('?')[0];
        return { method: request.method, route: url, requestId: request.id };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
      err(error: Error & { code?: unknown; constraint?: unknown; table?: unknown; statusCode?: unknown }) {
        return {
          type: error.name,
          message: error.message,
          code: error.code,
          constraint: error.constraint,
          table: error.table,
          statusCode: error.statusCode,
          stack: error.stack ?? '',
        };
      },
    },
  };
}
