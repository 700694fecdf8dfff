import {
  CreateUserRequest,
  ErrorResponse,
  UpdateUserRequest,
  UpdateUserRolesRequest,
  RoleInfo,
  ROLE_CODES,
  UpdateRoleRulesRequest,
  UserDetail,
  UserListQuery,
  UserPage,
} from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import {
  acceptSpreadsheetUploads,
  SPREADSHEET_BODY_LIMIT,
  uploadedSpreadsheet,
} from '../../platform/http/spreadsheet-upload.ts';
import type { UserImportService } from './import-users.service.ts';
import type { PeopleService } from './people.service.ts';
import type { RolesService } from './roles.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

const ImportReportSchema = z
  .object({
    applied: z.boolean(),
    sheets: z.array(
      z.object({
        name: z.string(),
        form: z.string(),
        placeName: z.string().nullable(),
        rows: z.number().int(),
        problems: z.array(z.object({ code: z.string(), th: z.string(), en: z.string() })),
      }),
    ),
    rows: z.array(
      z.object({
        sheet: z.string(),
        rowNumber: z.number().int(),
        email: z.string().nullable(),
        nameTh: z.string(),
        action: z.enum(['create', 'update', 'unchanged', 'error']),
        unit: z.object({ name: z.string(), action: z.enum(['existing', 'create']) }).nullable(),
        changes: z.array(z.string()),
        problems: z.array(
          z.object({ column: z.string(), code: z.string(), th: z.string(), en: z.string(), value: z.string() }),
        ),
      }),
    ),
    summary: z.object({
      create: z.number().int(),
      update: z.number().int(),
      unchanged: z.number().int(),
      error: z.number().int(),
      unitsToCreate: z.number().int(),
    }),
  })
  .meta({ id: 'UserImportReport' });

export const peopleRoutes: FastifyPluginAsyncZod<{
  people: PeopleService;
  importer: UserImportService;
  roles: RolesService;
}> = async (app, { people, importer, roles }) => {
  // The Front Line 1 workbook arrives as the request body itself (.xlsx or .csv), up to 20 MB.
  acceptSpreadsheetUploads(app);

  app.post(
    '/api/users/import',
    {
      config: { access: { action: 'users.import' } },
      bodyLimit: SPREADSHEET_BODY_LIMIT,
      schema: {
        tags: ['people'],
        summary:
          'Import the Front Line 1 workbook (.xlsx or .csv as the body): a dry run by default, apply=true to carry it out',
        querystring: z.object({
          apply: z.enum(['true', 'false']).default('false'),
          filename: z.string().max(200).default('front-line-1.xlsx'),
        }),
        response: { 200: ImportReportSchema, ...errors },
      },
    },
    async (request) => {
      return importer.importFile(requireActor(request), uploadedSpreadsheet(request, request.query.filename), {
        apply: request.query.apply === 'true',
        requestId: request.id,
      });
    },
  );

  app.get(
    '/api/users',
    {
      config: { access: { action: 'users.read' } },
      schema: {
        tags: ['people'],
        summary: 'People within your scope, searched and paged on the server',
        querystring: UserListQuery,
        response: { 200: UserPage, ...errors },
      },
    },
    async (request) => {
      const page = await people.list(requireActor(request), request.query);
      return { ...page, limit: request.query.limit, offset: request.query.offset };
    },
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: { action: 'users.read' } },
      schema: {
        tags: ['people'],
        summary: 'One person (404 when outside your scope)',
        params: z.object({ id: z.uuid() }),
        response: { 200: UserDetail, ...errors },
      },
    },
    async (request) => people.get(requireActor(request), request.params.id),
  );

  app.post(
    '/api/users',
    {
      config: { access: { action: 'users.manage' } },
      schema: {
        tags: ['people'],
        summary: 'Create a person and e-mail them an invitation link (never a password)',
        body: CreateUserRequest,
        response: { 201: UserDetail, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await people.create({ actor: requireActor(request), requestId: request.id }, request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: { action: 'users.manage' } },
      schema: {
        tags: ['people'],
        summary: 'Edit a person; send the version you read (409 if someone changed it since)',
        params: z.object({ id: z.uuid() }),
        body: UpdateUserRequest,
        response: { 200: UserDetail, ...errors },
      },
    },
    async (request) =>
      people.update({ actor: requireActor(request), requestId: request.id }, request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/invitation',
    {
      config: { access: { action: 'users.manage' } },
      schema: {
        tags: ['people'],
        summary: 'Send a new invitation link',
        params: z.object({ id: z.uuid() }),
        response: { 202: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await people.reinvite({ actor: requireActor(request), requestId: request.id }, request.params.id);
      return reply.status(202).send(null);
    },
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { access: { action: 'users.manage' } },
      schema: {
        tags: ['people'],
        summary: "Replace a person's roles; each role given or taken must lie within your reach",
        params: z.object({ id: z.uuid() }),
        body: UpdateUserRolesRequest,
        response: { 200: UserDetail, ...errors },
      },
    },
    async (request) =>
      people.setRoles({ actor: requireActor(request), requestId: request.id }, request.params.id, request.body),
  );

  app.get(
    '/api/roles',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['people'],
        summary: 'The roles, their scope level and their permission rules',
        response: { 200: z.object({ items: z.array(RoleInfo) }), ...errors },
      },
    },
    async () => ({ items: await roles.list() }),
  );

  app.put(
    '/api/roles/:code/rules',
    {
      config: { access: { action: 'roles.manage' } },
      schema: {
        tags: ['people'],
        summary: "Replace a role's permission rules (takes effect at everyone's next request; audited)",
        params: z.object({ code: z.enum(ROLE_CODES) }),
        body: UpdateRoleRulesRequest,
        response: { 200: RoleInfo, ...errors },
      },
    },
    async (request) =>
      roles.updateRules({ actor: requireActor(request), requestId: request.id }, request.params.code, request.body),
  );
};
