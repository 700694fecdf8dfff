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
import type { PeopleService } from './people.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const peopleRoutes: FastifyPluginAsyncZod<{ people: PeopleService }> = async (app, { people }) => {
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
