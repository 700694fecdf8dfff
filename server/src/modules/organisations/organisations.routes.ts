import {
  HolidayQuery,
  PublicHoliday,
  SaveHolidayRequest,
  Agency,
  CreateAgencyRequest,
  CreateUnitRequest,
  ErrorResponse,
  MoveAgencyRequest,
  MoveUnitRequest,
  NewProblemTypeRequest,
  ProblemType,
  ProblemTypeInput,
  RoutingPreview,
  RoutingPreviewQuery,
  SetActiveRequest,
  UnitDetail,
  UnitImportReport,
  UnitListQuery,
  UnitPage,
  UpdateAgencyRequest,
  UpdateUnitRequest,
} from '@oscc/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import {
  acceptSpreadsheetUploads,
  SPREADSHEET_BODY_LIMIT,
  uploadedSpreadsheet,
} from '../../platform/http/spreadsheet-upload.ts';
import type { UnitImportService } from './import-units.service.ts';
import type { OrganisationsService } from './organisations.service.ts';
import type { HolidaysService } from './holidays.service.ts';
import type { ProblemTypesService } from './problem-types.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Id = z.object({ id: z.uuid() });

export const organisationsRoutes: FastifyPluginAsyncZod<{
  organisations: OrganisationsService;
  unitImport: UnitImportService;
  problemTypes: ProblemTypesService;
  holidays: HolidaysService;
}> = async (app, { organisations, unitImport, problemTypes, holidays }) => {
  acceptSpreadsheetUploads(app);

  const context = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });

  app.get(
    '/api/agencies',
    {
      config: { access: { action: 'organisations.read' } },
      schema: {
        tags: ['organisations'],
        summary: 'Every agency as a tree in order (ministry → department → …), with its count of active units',
        response: { 200: z.object({ items: z.array(Agency) }), ...errors },
      },
    },
    async () => ({ items: await organisations.listAgencies() }),
  );

  app.post(
    '/api/agencies',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Create an agency (a ministry when it has no parent)',
        body: CreateAgencyRequest,
        response: { 201: Agency, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await organisations.createAgency(context(request), request.body)),
  );

  app.patch(
    '/api/agencies/:id',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Edit an agency; version must match the one you read',
        params: Id,
        body: UpdateAgencyRequest,
        response: { 200: Agency, ...errors },
      },
    },
    async (request) => organisations.updateAgency(context(request), request.params.id, request.body),
  );

  app.post(
    '/api/agencies/:id/move',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Move an agency and everything below it under another parent',
        params: Id,
        body: MoveAgencyRequest,
        response: { 200: Agency, ...errors },
      },
    },
    async (request) => organisations.moveAgency(context(request), request.params.id, request.body),
  );

  app.post(
    '/api/agencies/:id/active',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Deactivate or reactivate an agency (only when nothing active depends on it)',
        params: Id,
        body: SetActiveRequest,
        response: { 200: Agency, ...errors },
      },
    },
    async (request) => organisations.setAgencyActive(context(request), request.params.id, request.body),
  );

  app.get(
    '/api/problem-types',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['organisations'],
        summary: 'The problem types the 1300 centre takes, the four urgent ones first',
        response: { 200: z.object({ items: z.array(ProblemType) }), ...errors },
      },
    },
    async () => ({ items: await organisations.listProblemTypes() }),
  );

  app.post(
    '/api/problem-types',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Add a problem type to the taxonomy (nation-wide administrators only)',
        body: NewProblemTypeRequest,
        response: { 201: ProblemType, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await problemTypes.create(context(request), request.body)),
  );

  app.put(
    '/api/problem-types/:code',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary:
          'Rename a problem type, mark it urgent, set its lead ministry, retire it (never deleted: cases keep it)',
        params: z.object({ code: z.string().max(40) }),
        body: ProblemTypeInput,
        response: { 200: ProblemType, ...errors },
      },
    },
    async (request) => problemTypes.update(context(request), request.params.code, request.body),
  );

  app.get(
    '/api/holidays',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['organisations'],
        summary: 'The public holidays of a year (the business calendar’s days off)',
        querystring: HolidayQuery,
        response: { 200: z.object({ items: z.array(PublicHoliday) }), ...errors },
      },
    },
    async (request) => ({ items: await holidays.list(request.query) }),
  );

  const Day = z.object({ day: z.iso.date() });
  app.put(
    '/api/holidays/:day',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Add or change a public holiday, or confirm a lunar date (nation-wide administrators only)',
        params: Day,
        body: SaveHolidayRequest,
        response: { 200: PublicHoliday, ...errors },
      },
    },
    async (request) => holidays.save(context(request), request.params.day, request.body),
  );

  app.delete(
    '/api/holidays/:day',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Remove a public holiday (nation-wide administrators only)',
        params: Day,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await holidays.remove(context(request), request.params.day);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/routing/preview',
    {
      config: { access: { action: 'organisations.read' } },
      schema: {
        tags: ['organisations'],
        summary:
          'What the routing rules (units’ areas and problem types, the lead ministry, office hours) would do for a problem and a place',
        querystring: RoutingPreviewQuery,
        response: { 200: RoutingPreview, ...errors },
      },
    },
    async (request) => problemTypes.preview(request.query),
  );

  app.get(
    '/api/units',
    {
      config: { access: { action: 'organisations.read' } },
      schema: {
        tags: ['organisations'],
        summary: 'Units, filtered, searched (Thai without spaces) and paged on the server',
        querystring: UnitListQuery,
        response: { 200: UnitPage, ...errors },
      },
    },
    async (request) => {
      const page = await organisations.listUnits(requireActor(request), request.query);
      return { ...page, limit: request.query.limit, offset: request.query.offset };
    },
  );

  app.post(
    '/api/units',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Create a unit with its office hours, areas of responsibility and problem types',
        body: CreateUnitRequest,
        response: { 201: UnitDetail, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await organisations.createUnit(context(request), request.body)),
  );

  app.get(
    '/api/units/:id',
    {
      config: { access: { action: 'organisations.read' } },
      schema: {
        tags: ['organisations'],
        summary: 'One unit with its areas of responsibility and problem types',
        params: Id,
        response: { 200: UnitDetail, ...errors },
      },
    },
    async (request) => organisations.getUnit(requireActor(request), request.params.id),
  );

  app.patch(
    '/api/units/:id',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Edit a unit (areas and problem types are replaced when given); version must match',
        params: Id,
        body: UpdateUnitRequest,
        response: { 200: UnitDetail, ...errors },
      },
    },
    async (request) => organisations.updateUnit(context(request), request.params.id, request.body),
  );

  app.post(
    '/api/units/:id/move',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Move a unit to another agency',
        params: Id,
        body: MoveUnitRequest,
        response: { 200: UnitDetail, ...errors },
      },
    },
    async (request) => organisations.moveUnit(context(request), request.params.id, request.body),
  );

  app.post(
    '/api/units/:id/active',
    {
      config: { access: { action: 'organisations.manage' } },
      schema: {
        tags: ['organisations'],
        summary: 'Deactivate or reactivate a unit (never deleted: cases keep pointing at it)',
        params: Id,
        body: SetActiveRequest,
        response: { 200: UnitDetail, ...errors },
      },
    },
    async (request) => organisations.setUnitActive(context(request), request.params.id, request.body),
  );

  app.post(
    '/api/units/import',
    {
      config: { access: { action: 'organisations.manage' } },
      bodyLimit: SPREADSHEET_BODY_LIMIT,
      schema: {
        tags: ['organisations'],
        summary:
          'Import units from .xlsx or .csv (the body): a dry run by default, apply=true to carry it out; matched by code',
        querystring: z.object({
          apply: z.enum(['true', 'false']).default('false'),
          filename: z.string().max(200).default('units.xlsx'),
        }),
        response: { 200: UnitImportReport, ...errors },
      },
    },
    async (request) =>
      unitImport.importFile(requireActor(request), uploadedSpreadsheet(request, request.query.filename), {
        apply: request.query.apply === 'true',
        requestId: request.id,
      }),
  );
};
