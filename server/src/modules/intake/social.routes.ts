import {
  ErrorResponse,
  RecordedContact,
  SocialConversation,
  SocialReplyRequest,
  TriageConversationRequest,
} from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import type { IntakeService } from './intake.service.ts';
import type { SocialService } from './social.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export const socialRoutes: FastifyPluginAsyncZod<{ social: SocialService; intake: IntakeService }> = async (
  app,
  { social, intake },
) => {
  // A signature covers the body's exact bytes: in this inner plugin JSON arrives as text, parsed after the check.
  await app.register(async (webhooks) => {
    webhooks.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );

    webhooks.post(
      '/api/webhooks/line',
      {
        config: { access: { public: true }, rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: {
          tags: ['intake'],
          summary: 'LINE Messaging API webhook (X-Line-Signature checked over the raw body; redeliveries taken once)',
          response: {
            200: z.object({ taken: z.number().int(), skipped: z.number().int() }),
            400: ErrorResponse,
            401: ErrorResponse,
            503: ErrorResponse,
          },
        },
      },
      async (request) => {
        const signature = request.headers['x-line-signature'];
        return social.receiveLine(
          typeof request.body === 'string' ? request.body : '',
          typeof signature === 'string' ? signature : undefined,
        );
      },
    );

    webhooks.post(
      '/api/webhooks/facebook',
      {
        config: { access: { public: true }, rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: {
          tags: ['intake'],
          summary:
            'Facebook Messenger webhook (X-Hub-Signature-256 checked over the raw body; each message taken once)',
          response: {
            200: z.object({ taken: z.number().int(), skipped: z.number().int() }),
            400: ErrorResponse,
            401: ErrorResponse,
            503: ErrorResponse,
          },
        },
      },
      async (request) => {
        const signature = request.headers['x-hub-signature-256'];
        return social.receiveFacebook(
          typeof request.body === 'string' ? request.body : '',
          typeof signature === 'string' ? signature : undefined,
        );
      },
    );
  });

  app.get(
    '/api/webhooks/facebook',
    {
      config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['intake'],
        summary: "Messenger's subscription handshake: answers hub.challenge when hub.verify_token is ours",
        querystring: z.object({
          'hub.mode': z.string().max(20).optional(),
          'hub.verify_token': z.string().max(200).optional(),
          'hub.challenge': z.string().max(200).optional(),
        }),
        response: { 200: z.string(), 403: ErrorResponse, 503: ErrorResponse },
      },
    },
    async (request, reply) =>
      reply
        .type('text/plain')
        .send(
          social.verifyFacebookSubscription(
            request.query['hub.mode'],
            request.query['hub.verify_token'],
            request.query['hub.challenge'],
          ),
        ),
  );

  app.get(
    '/api/social/conversations',
    {
      config: { access: { action: 'cases.intake' } },
      schema: {
        tags: ['intake'],
        summary: 'Conversations from LINE awaiting triage (or all), newest message first',
        querystring: z.object({ status: z.enum(['pending', 'all']).default('pending') }),
        response: { 200: z.object({ items: z.array(SocialConversation) }), ...errors },
      },
    },
    async (request) => ({ items: await social.listConversations(requireActor(request), request.query.status) }),
  );

  app.get(
    '/api/social/conversations/:id',
    {
      config: { access: { action: 'cases.intake' } },
      schema: {
        tags: ['intake'],
        summary: 'One conversation with all its messages (for the case it became, too)',
        params: z.object({ id: z.uuid() }),
        response: { 200: SocialConversation, ...errors },
      },
    },
    async (request) => social.getConversation(requireActor(request), request.params.id),
  );

  app.post(
    '/api/social/conversations/:id/replies',
    {
      config: { access: { action: 'cases.intake' } },
      schema: {
        tags: ['intake'],
        summary: "Reply to the person through the provider's API (the message is kept even when delivery fails: 502)",
        params: z.object({ id: z.uuid() }),
        body: SocialReplyRequest,
        response: { 200: SocialConversation, 502: ErrorResponse, 503: ErrorResponse, ...errors },
      },
    },
    async (request) =>
      social.reply({ principal: requireActor(request), requestId: request.id }, request.params.id, request.body.text),
  );

  app.post(
    '/api/social/conversations/:id/triage',
    {
      config: { access: { action: 'cases.intake' } },
      schema: {
        tags: ['intake'],
        summary:
          'Decide what a conversation was — and, for the outcome "case", create the case, routed like any other (once: 409 after)',
        params: z.object({ id: z.uuid() }),
        body: TriageConversationRequest,
        response: { 201: RecordedContact, 409: ErrorResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await intake.triageConversation(
            { principal: requireActor(request), requestId: request.id },
            request.params.id,
            request.body,
          ),
        ),
  );
};
