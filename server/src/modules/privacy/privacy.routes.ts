import {
  Breach,
  BreachPage,
  BreachQuery,
  CloseSubjectRequest,
  ErrorResponse,
  NewBreach,
  NewSubjectRequest,
  RetentionOverview,
  RevealPage,
  SetRetention,
  SubjectRequest,
  SubjectRequestPage,
  SubjectRequestQuery,
  UpdateBreach,
} from '@oscc/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import type { PrivacyService } from './privacy.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Id = z.object({ id: z.uuid() });
const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The data protection officer's registers (`privacy.manage`) and the review of broken glass (`audit.read`). */
export const privacyRoutes: FastifyPluginAsyncZod<{ privacy: PrivacyService }> = async (app, { privacy }) => {
  const actor = (request: FastifyRequest) => ({ principal: requireActor(request), requestId: request.id });
  const manage = { access: { action: 'privacy.manage' } } as const;

  app.get(
    '/api/privacy/requests',
    {
      config: manage,
      schema: {
        tags: ['privacy'],
        summary: "Data subjects' requests (PDPA s.30–s.36), open ones first by due date",
        querystring: SubjectRequestQuery,
        response: { 200: SubjectRequestPage, ...errors },
      },
    },
    async (request) => privacy.listRequests(request.query),
  );

  app.post(
    '/api/privacy/requests',
    {
      config: manage,
      schema: {
        tags: ['privacy'],
        summary: "Record a data subject's request; it is due 30 days after it was received",
        body: NewSubjectRequest,
        response: { 201: SubjectRequest, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await privacy.createRequest(actor(request), request.body)),
  );

  app.get(
    '/api/privacy/requests/:id',
    {
      config: manage,
      schema: { tags: ['privacy'], summary: 'One request', params: Id, response: { 200: SubjectRequest, ...errors } },
    },
    async (request) => privacy.getRequest(request.params.id),
  );

  app.post(
    '/api/privacy/requests/:id/close',
    {
      config: manage,
      schema: {
        tags: ['privacy'],
        summary: 'Answer a request: completed, or refused with the legal ground',
        params: Id,
        body: CloseSubjectRequest,
        response: { 200: SubjectRequest, ...errors },
      },
    },
    async (request) => privacy.closeRequest(actor(request), request.params.id, request.body),
  );

  app.get(
    '/api/privacy/breaches',
    {
      config: manage,
      schema: {
        tags: ['privacy'],
        summary: 'The breach register (PDPA s.37(4)): open ones first',
        querystring: BreachQuery,
        response: { 200: BreachPage, ...errors },
      },
    },
    async (request) => privacy.listBreaches(request.query),
  );

  app.post(
    '/api/privacy/breaches',
    {
      config: manage,
      schema: {
        tags: ['privacy'],
        summary: 'Record a breach; the office must be told within 72 hours of its discovery',
        body: NewBreach,
        response: { 201: Breach, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await privacy.createBreach(actor(request), request.body)),
  );

  app.get(
    '/api/privacy/breaches/:id',
    {
      config: manage,
      schema: { tags: ['privacy'], summary: 'One breach', params: Id, response: { 200: Breach, ...errors } },
    },
    async (request) => privacy.getBreach(request.params.id),
  );

  app.patch(
    '/api/privacy/breaches/:id',
    {
      config: manage,
      schema: {
        tags: ['privacy'],
        summary: 'Record the notices given, the risk, the measures taken, or close the breach',
        params: Id,
        body: UpdateBreach,
        response: { 200: Breach, ...errors },
      },
    },
    async (request) => privacy.updateBreach(actor(request), request.params.id, request.body),
  );

  app.get(
    '/api/privacy/retention',
    {
      config: manage,
      schema: {
        tags: ['privacy'],
        summary: 'Retention periods per problem type, and how many cases are anonymised or due',
        response: { 200: RetentionOverview, ...errors },
      },
    },
    async () => privacy.retention(),
  );

  app.put(
    '/api/privacy/retention/:problemType',
    {
      config: manage,
      schema: {
        tags: ['privacy'],
        summary: 'Set the retention period (years after closure) of one problem type',
        params: z.object({ problemType: z.string().regex(/^[a-z0-9_]{1,40}$/) }),
        body: SetRetention,
        response: { 200: RetentionOverview, ...errors },
      },
    },
    async (request) => privacy.setRetention(actor(request), request.params.problemType, request.body.retainYears),
  );

  app.get(
    '/api/privacy/reveals',
    {
      config: { access: { action: 'audit.read' } },
      schema: {
        tags: ['privacy'],
        summary: 'Every "break the glass" within your audit scope, with the reason given, newest first',
        querystring: Paging,
        response: { 200: RevealPage, ...errors },
      },
    },
    async (request) => privacy.reveals(requireActor(request), request.query),
  );
};
