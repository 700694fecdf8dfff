import {
  ATTACHMENT_MAX_BYTES,
  PUBLIC_REPORT_MAX_PHOTOS,
  CallerHistory,
  ErrorResponse,
  PublicReportReceipt,
  PublicReportRequest,
  PublicStatus,
  PublicStatusRequest,
  RecordContactRequest,
  RecordedContact,
  RelatedCase,
  RelatedCasesQuery,
  SocialWorkerOption,
} from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import { acceptMultipart, documentMultipart, readMultipartBody } from '../../platform/http/multipart.ts';
import type { IntakeService } from './intake.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

const publicReportMultipart = documentMultipart('/api/public/reports', {
  jsonField: 'report',
  fileField: 'photos',
  maxFiles: PUBLIC_REPORT_MAX_PHOTOS,
  maxFileBytes: ATTACHMENT_MAX_BYTES,
  summary: `Up to ${PUBLIC_REPORT_MAX_PHOTOS} photos (JPEG, PNG, WebP or HEIC — checked by their content), 5 MiB each`,
});

export const intakeRoutes: FastifyPluginAsyncZod<{ intake: IntakeService; publicReportsPerHour: number }> = async (
  app,
  { intake, publicReportsPerHour },
) => {
  await acceptMultipart(app);

  // The public endpoints take no sign-in: small bodies, and a few reports an hour from one address.
  app.post(
    '/api/public/reports',
    {
      config: {
        access: { public: true },
        rateLimit: { max: publicReportsPerHour, timeWindow: '1 hour' },
      },
      bodyLimit: 64 * 1024,
      preValidation: async (request) => {
        if (request.isMultipart()) await readMultipartBody(request, publicReportMultipart);
      },
      schema: {
        tags: ['intake'],
        summary:
          'A report from the public website (no sign-in; anonymous allowed; the privacy notice must be accepted). Answers a tracking code and a PIN for the status page',
        description:
          'The mobile app sends the same JSON. With an Idempotency-Key header (8–100 letters, digits, - _ : .) a retry ' +
          'of the same report answers the first receipt again — one report, one case, however often it is sent; ' +
          'the same key with a different report is refused (422). With photos, send multipart/form-data: the JSON ' +
          'as the text of the field `report`, the photos in `photos` (at most 3, 5 MiB each, images by content).',
        headers: z.object({
          'idempotency-key': z
            .string()
            .regex(/^[A-Za-z0-9_:.-]{8,100}$/)
            .optional(),
        }),
        body: PublicReportRequest,
        response: {
          201: PublicReportReceipt,
          400: ErrorResponse,
          413: ErrorResponse,
          422: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await intake.submitPublicReport(
            request.body,
            request.id,
            request.headers['idempotency-key'],
            request.uploads ?? [],
          ),
        ),
  );

  app.post(
    '/api/public/reports/status',
    {
      config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
      bodyLimit: 1024,
      schema: {
        tags: ['intake'],
        summary: 'Where a public report stands, for its tracking code and PIN; no personal data',
        body: PublicStatusRequest,
        response: { 200: PublicStatus, 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => intake.publicStatus(request.body),
  );

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
    async (request) => intake.callerHistory(requireActor(request), request.query.phone),
  );

  app.get(
    '/api/intake/related',
    {
      config: { access: { action: 'cases.intake' } },
      schema: {
        tags: ['intake'],
        summary:
          'Screening: earlier cases with the same phone or ID, or a similar name in the same province, within a period',
        querystring: RelatedCasesQuery,
        response: { 200: z.object({ items: z.array(RelatedCase) }), ...errors },
      },
    },
    async (request) => ({ items: await intake.relatedCases(requireActor(request), request.query) }),
  );

  app.get(
    '/api/intake/social-workers',
    {
      config: { access: { action: 'cases.intake' } },
      schema: {
        tags: ['intake'],
        summary:
          'Social workers a call about this place can be handed to: active, covering its province or the nation; fewest cases first',
        querystring: z.object({ areaCode: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/) }),
        response: { 200: z.object({ items: z.array(SocialWorkerOption) }), ...errors },
      },
    },
    async (request) => ({ items: await intake.socialWorkers(request.query.areaCode) }),
  );
};
