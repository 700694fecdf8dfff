import {
  CreateUserRequest,
  ErrorResponse,
  UpdateUserRequest,
  UserDetail,
  UserListQuery,
  UserPage,
} from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { UserImportService } from './import-users.service.ts';
import type { PeopleService } from './people.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
        problems: z.array(z.object({ column: z.string(), code: z.string(), th: z.string(), en: z.string() })),
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

export const peopleRoutes: FastifyPluginAsyncZod<{ people: PeopleService; importer: UserImportService }> = async (
  app,
  { people, importer },
) => {
  // The Front Line 1 workbook arrives as the request body itself (.xlsx or .csv), up to 20 MB.
  app.addContentTypeParser(
    [XLSX, 'text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/users/import',
    {
      config: { access: { action: 'users.import' } },
      bodyLimit: 20 * 1024 * 1024,
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
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            { path: 'body', code: 'file_required', message: 'ส่งไฟล์ .xlsx หรือ .csv / Send an .xlsx or .csv file' },
          ],
        });
      }
      const filename = request.headers['content-type']?.startsWith('text/csv')
        ? request.query.filename.replace(/\.xlsx$/i, '.csv')
        : request.query.filename;
      return importer.importFile(
        requireActor(request),
        { name: filename, content: request.body },
        { apply: request.query.apply === 'true', requestId: request.id },
      );
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
};
