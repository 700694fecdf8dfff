import { CallerHistory, ErrorResponse, RecordContactRequest, RecordedContact } from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import type { IntakeService } from './intake.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

export const intakeRoutes: FastifyPluginAsyncZod<{ intake: IntakeService }> = async (app, { intake }) => {
  app.post(
    '/api/intake/contacts',
    {
      config: { access: { action: 'cases.intake' } },
      schema: {
        tags: ['intake'],
        summary:
          'Record a contact on the hotline or at a counter — whatever became of it — and, with outcome "case", the case, routed to a unit',
        body: RecordContactRequest,
        response: { 201: RecordedContact, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await intake.recordContact({ principal: requireActor(request), requestId: request.id }, request.body)),
  );

  app.get(
    '/api/intake/callers',
    {
      config: { access: { action: 'cases.intake' } },
      schema: {
        tags: ['intake'],
        summary: 'Earlier contacts and open cases of a phone number (found by keyed hash; the number is not stored)',
        querystring: z.object({ phone: z.string().trim().min(3).max(30) }),
        response: { 200: CallerHistory, ...errors },
      },
    },
    async (request) => intake.callerHistory(request.query.phone),
  );
};
