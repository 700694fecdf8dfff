import { Agency, ErrorResponse, UnitListQuery, UnitPage } from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OrganisationsRepository } from './organisations.repository.ts';

export const organisationsRoutes: FastifyPluginAsyncZod<{ organisations: OrganisationsRepository }> = async (
  app,
  { organisations },
) => {
  app.get(
    '/api/agencies',
    {
      config: { access: { action: 'organisations.read' } },
      schema: {
        tags: ['organisations'],
        summary: 'The agencies of the Front Line, with how many units each has',
        response: { 200: z.object({ items: z.array(Agency) }), 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async () => ({ items: await organisations.listAgencies() }),
  );

  app.get(
    '/api/units',
    {
      config: { access: { action: 'organisations.read' } },
      schema: {
        tags: ['organisations'],
        summary: 'Units, paged and searched on the server',
        querystring: UnitListQuery,
        response: { 200: UnitPage, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const page = await organisations.listUnits(request.query);
      return { ...page, limit: request.query.limit, offset: request.query.offset };
    },
  );
};
