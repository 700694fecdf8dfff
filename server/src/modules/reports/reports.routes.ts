import {
  Dashboard,
  ErrorResponse,
  NewReportSubscriptionRequest,
  ReportCasePage,
  ReportCasesQuery,
  ReportDocument,
  ReportExportQuery,
  ReportFilter,
  ReportKindParams,
  ReportSubscription,
  ReportSubscriptionList,
} from '@oscc/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import type { ReportsService } from './reports.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['reports'];

/** Reports: the dashboard, standard reports, the cases behind a figure, exports, subscriptions. */
export const reportsRoutes: FastifyPluginAsyncZod<{ reports: ReportsService }> = async (app, { reports }) => {
  const actor = (request: FastifyRequest) => ({ principal: requireActor(request), requestId: request.id });

  app.get(
    '/api/reports/dashboard',
    {
      config: { access: { action: 'reports.read' } },
      schema: {
        tags,
        summary:
          "The dashboard within the viewer's scope: the period's cases by problem, channel, status, ministry, province and month; reached within 24 h; steps on time; overdue now; open alarms; medians; contacts",
        querystring: ReportFilter,
        response: { 200: Dashboard, ...errors },
      },
    },
    async (request) => reports.dashboard(requireActor(request), request.query),
  );

  app.get(
    '/api/reports/cases',
    {
      config: { access: { action: 'reports.read' } },
      schema: {
        tags,
        summary: "The cases behind a figure (the report's filter, the figure's drill and measure), newest first",
        querystring: ReportCasesQuery,
        response: { 200: ReportCasePage, ...errors },
      },
    },
    async (request) => reports.cases(requireActor(request), request.query),
  );

  app.get(
    '/api/reports/:kind',
    {
      config: { access: { action: 'reports.read' } },
      schema: {
        tags,
        summary:
          'A standard report as a document: dashboard, monthly (to executives), service (1300 statistics), compliance',
        params: ReportKindParams,
        querystring: ReportFilter,
        response: { 200: ReportDocument, ...errors },
      },
    },
    async (request) => reports.report(requireActor(request), request.params.kind, request.query),
  );

  app.get(
    '/api/reports/:kind/export',
    {
      config: { access: { action: 'reports.export' } },
      schema: {
        tags,
        summary: 'A standard report as .xlsx, CSV (UTF-8 with BOM) or PDF; every export is audited',
        params: ReportKindParams,
        querystring: ReportExportQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const file = await reports.export(actor(request), request.params.kind, request.query);
      return reply
        .type(file.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.bytes);
    },
  );

  app.get(
    '/api/report-subscriptions',
    {
      config: { access: { action: 'reports.export' } },
      schema: { tags, summary: 'My report subscriptions', response: { 200: ReportSubscriptionList, ...errors } },
    },
    async (request) => ({ items: await reports.subscriptions.list(requireActor(request)) }),
  );

  app.post(
    '/api/report-subscriptions',
    {
      config: { access: { action: 'reports.export' } },
      schema: {
        tags,
        summary: 'Subscribes me to a report by e-mail, daily or weekly, with the file attached',
        body: NewReportSubscriptionRequest,
        response: { 201: ReportSubscription, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await reports.subscriptions.create(actor(request), request.body)),
  );

  app.delete(
    '/api/report-subscriptions/:id',
    {
      config: { access: { action: 'reports.export' } },
      schema: {
        tags,
        summary: 'Ends one of my report subscriptions',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await reports.subscriptions.remove(actor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
