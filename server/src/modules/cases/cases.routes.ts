import {
  ATTACHMENT_MAX_BYTES,
  CaseAccessPage,
  CaseAccessQuery,
  CaseDetail,
  RevealCaseRequest,
  CasePage,
  CaseQueueQuery,
  ErrorResponse,
  LinkCaseRequest,
  MergeCaseRequest,
  RelatedCase,
  STAFF_UPLOAD_MAX_FILES,
  AnswerReferralRequest,
  Referral,
  ReferralInboxQuery,
  ReferralPage,
  ScreenCaseRequest,
  SendReferralRequest,
  TransferReferralRequest,
} from '@oscc/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { acceptMultipart, documentMultipart, readMultipartBody } from '../../platform/http/multipart.ts';
import type { CasesService } from './cases.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Id = z.object({ id: z.uuid() });

const staffUpload = documentMultipart('/api/cases/{id}/attachments', {
  fileField: 'files',
  maxFiles: STAFF_UPLOAD_MAX_FILES,
  maxFileBytes: ATTACHMENT_MAX_BYTES,
  summary: `Up to ${STAFF_UPLOAD_MAX_FILES} files (JPEG, PNG, WebP, HEIC or PDF — checked by their content), 5 MiB each`,
});

/** Images a browser may show in the page; everything else is only ever downloaded. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export const casesRoutes: FastifyPluginAsyncZod<{ cases: CasesService }> = async (app, { cases }) => {
  await acceptMultipart(app);
  const actor = (request: FastifyRequest) => ({ principal: requireActor(request), requestId: request.id });

  app.get(
    '/api/cases',
    {
      config: { access: { action: 'cases.screen' } },
      schema: {
        tags: ['cases'],
        summary: 'A screening queue in your reach: cases not yet screened, or the central triage queue; crisis first',
        querystring: CaseQueueQuery,
        response: { 200: CasePage, ...errors },
      },
    },
    async (request) => cases.queue(requireActor(request), request.query),
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: { action: 'cases.read' } },
      schema: {
        tags: ['cases'],
        summary: 'One case with its people, routing, links, contacts and attachments (each read is audited)',
        params: Id,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => cases.get(actor(request), request.params.id),
  );

  app.post(
    '/api/cases/:id/reveal',
    {
      config: { access: { action: 'cases.read' } },
      schema: {
        tags: ['cases'],
        summary:
          'Break the glass: open the masked identities of a case for a while, with a stated reason (audited; the supervisor is told)',
        params: Id,
        body: RevealCaseRequest,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => cases.reveal(actor(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/cases/:id/access-log',
    {
      config: { access: { action: 'audit.read' } },
      schema: {
        tags: ['cases'],
        summary: 'Who has seen the case: every view, attachment opened and glass broken, newest first',
        params: Id,
        querystring: CaseAccessQuery,
        response: { 200: CaseAccessPage, ...errors },
      },
    },
    async (request) => cases.accessLog(actor(request), request.params.id, request.query),
  );

  app.get(
    '/api/cases/:id/related',
    {
      config: { access: { action: 'cases.screen' } },
      schema: {
        tags: ['cases'],
        summary:
          'Likely duplicates and related cases: the same phone or ID, or a similar name in the same province within 180 days',
        params: Id,
        response: { 200: z.object({ items: z.array(RelatedCase) }), ...errors },
      },
    },
    async (request) => ({ items: await cases.related(requireActor(request), request.params.id) }),
  );

  app.post(
    '/api/cases/:id/screening',
    {
      config: { access: { action: 'cases.screen' } },
      schema: {
        tags: ['cases'],
        summary:
          'Screen a case: problem types, crisis and severity, and where it goes (kept, by the rules, or a chosen unit)',
        params: Id,
        body: ScreenCaseRequest,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => cases.screen(actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/links',
    {
      config: { access: { action: 'cases.screen' } },
      schema: {
        tags: ['cases'],
        summary: 'Link a related case (both stay open and show each other)',
        params: Id,
        body: LinkCaseRequest,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => cases.link(actor(request), request.params.id, request.body),
  );

  app.delete(
    '/api/cases/:id/links/:relatedCaseId',
    {
      config: { access: { action: 'cases.screen' } },
      schema: {
        tags: ['cases'],
        summary: 'Remove a link between two cases',
        params: z.object({ id: z.uuid(), relatedCaseId: z.uuid() }),
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => cases.unlink(actor(request), request.params.id, request.params.relatedCaseId),
  );

  app.post(
    '/api/cases/:id/merge',
    {
      config: { access: { action: 'cases.screen' } },
      schema: {
        tags: ['cases'],
        summary:
          'Merge this duplicate into another case: it keeps its record (status merged); contacts and attachments move over',
        params: Id,
        body: MergeCaseRequest,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => cases.merge(actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/attachments',
    {
      // The screening desk or a unit working the case: the service decides which, for this case.
      config: { access: { action: 'cases.read' } },
      preValidation: async (request) => {
        if (!request.isMultipart()) return;
        await readMultipartBody(request, staffUpload);
      },
      schema: {
        tags: ['cases'],
        summary: 'Attach photos or PDFs to a case (multipart/form-data, field `files`)',
        consumes: ['multipart/form-data'],
        params: Id,
        response: { 200: CaseDetail, 413: ErrorResponse, ...errors },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      return cases.addAttachments(actor(request), request.params.id, request.uploads ?? []);
    },
  );

  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    {
      config: { access: { action: 'cases.read' } },
      schema: {
        tags: ['cases'],
        summary: 'The content of one attachment (each opening is audited); photos inline with ?disposition=inline',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        querystring: z.object({ disposition: z.enum(['attachment', 'inline']).default('attachment') }),
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const file = await cases.attachment(actor(request), request.params.id, request.params.attachmentId);
      const inline = request.query.disposition === 'inline' && INLINE_TYPES.has(file.mediaType);
      const name = file.fileName ?? `attachment-${request.params.attachmentId}`;
      return reply
        .type(file.mediaType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename="attachment"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(file.content);
    },
  );

  app.post(
    '/api/cases/:id/referrals',
    {
      config: { access: { action: 'cases.read' } },
      schema: {
        tags: ['cases'],
        summary:
          'Send the case to a unit — the lead unit (the case becomes referred) or a unit of the multidisciplinary team; the answer is due within the procedure’s acceptance time frame',
        params: Id,
        body: SendReferralRequest,
        response: { 201: Referral, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.referrals.send(actor(request), request.params.id, request.body)),
  );

  app.get(
    '/api/referrals',
    {
      config: { access: { action: 'cases.work' } },
      schema: {
        tags: ['cases'],
        summary: 'The referral inbox of the units you work for: waiting for an answer first, the soonest due first',
        querystring: ReferralInboxQuery,
        response: { 200: ReferralPage, ...errors },
      },
    },
    async (request) => cases.referrals.inbox(requireActor(request), request.query),
  );

  const ReferralId = z.object({ id: z.uuid() });
  for (const [verb, summary] of [
    ['accept', 'Accept a referral to your unit (the lead unit’s acceptance puts the case in progress)'],
    [
      'decline',
      'Decline a referral to your unit, with the reason (a lead referral sends the case back to central triage)',
    ],
    ['revoke', 'Withdraw a referral you sent, with the reason'],
  ] as const)
    app.post(
      `/api/referrals/:id/${verb}`,
      {
        config: { access: { action: 'cases.read' } },
        schema: {
          tags: ['cases'],
          summary,
          params: ReferralId,
          body: AnswerReferralRequest,
          response: { 200: Referral, ...errors },
        },
      },
      async (request) => cases.referrals[verb](actor(request), request.params.id, request.body),
    );

  app.post(
    '/api/referrals/:id/transfer',
    {
      config: { access: { action: 'cases.work' } },
      schema: {
        tags: ['cases'],
        summary: 'Before accepting, pass the referral to the unit that should have it, with the reason',
        params: ReferralId,
        body: TransferReferralRequest,
        response: { 200: Referral, ...errors },
      },
    },
    async (request) => cases.referrals.transfer(actor(request), request.params.id, request.body),
  );
};
