import { AuditListQuery, AuditPage, ErrorResponse } from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/http/access.ts';
import type { AuditRepository } from './audit.repository.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditRepository }> = async (app, { audit }) => {
  app.get(
    '/api/audit-events',
    {
      config: { access: { action: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary:
          'Recorded changes (who, when, before and after) about records within your scope, newest first, paged on the server',
        querystring: AuditListQuery,
        response: { 200: AuditPage, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const page = await audit.list(requireActor(request), request.query);
      return { ...page, limit: request.query.limit, offset: request.query.offset };
    },
  );
};
