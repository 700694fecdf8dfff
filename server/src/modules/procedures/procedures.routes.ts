import { ErrorResponse, NewProcedureVersionRequest, ProcedureVersion } from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import type { ProceduresService } from './procedures.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const proceduresRoutes: FastifyPluginAsyncZod<{ procedures: ProceduresService }> = async (
  app,
  { procedures },
) => {
  app.get(
    '/api/procedures',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['procedures'],
        summary: 'Every procedure version: per problem type (and the generic one), its steps and time frames',
        response: { 200: z.object({ items: z.array(ProcedureVersion) }), ...errors },
      },
    },
    async () => ({ items: await procedures.list() }),
  );

  app.get(
    '/api/procedures/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['procedures'],
        summary: 'One procedure version',
        params: z.object({ id: z.uuid() }),
        response: { 200: ProcedureVersion, ...errors },
      },
    },
    async (request) => procedures.get(request.params.id),
  );

  app.post(
    '/api/procedures',
    {
      config: { access: { action: 'procedures.manage' } },
      schema: {
        tags: ['procedures'],
        summary: 'A new version of a procedure, checked as a whole; a draft, or active at once',
        body: NewProcedureVersionRequest,
        response: { 201: ProcedureVersion, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await procedures.create({ actor: requireActor(request), requestId: request.id }, request.body)),
  );

  app.post(
    '/api/procedures/:id/activate',
    {
      config: { access: { action: 'procedures.manage' } },
      schema: {
        tags: ['procedures'],
        summary: 'Make a draft the version new cases start with (the active one retires; cases keep theirs)',
        params: z.object({ id: z.uuid() }),
        response: { 200: ProcedureVersion, ...errors },
      },
    },
    async (request) => procedures.activate({ actor: requireActor(request), requestId: request.id }, request.params.id),
  );
};
