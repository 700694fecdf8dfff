import {
  CaseAlarmHistory,
  CaseTask,
  CaseWork,
  CloseCaseRequest,
  ClosureDecisionRequest,
  CompleteStepRequest,
  ErrorResponse,
  FinishTaskRequest,
  MyWork,
  NewCaseNoteRequest,
  NewCaseServiceRequest,
  NewCaseTaskRequest,
  RecordFollowUpRequest,
  ReopenCaseRequest,
  SaveCasePlanRequest,
  TimelineEntry,
} from '@oscc/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import type { CaseworkService } from './casework.service.ts';
import type { MyWorkService } from './my-work.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Id = z.object({ id: z.uuid() });

/** Working a case — steps, notes, services, plan, tasks, closure, follow-up, reopening, timeline — and "my work". */
export const caseworkRoutes: FastifyPluginAsyncZod<{ casework: CaseworkService; myWork: MyWorkService }> = async (
  app,
  { casework, myWork },
) => {
  const actor = (request: FastifyRequest) => ({ principal: requireActor(request), requestId: request.id });
  const tags = ['casework'];

  app.get(
    '/api/my-work',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary:
          'What you must do next — referrals to your unit, running steps, tasks, follow-ups, closures to approve — the soonest due first',
        response: { 200: MyWork, ...errors },
      },
    },
    async (request) => myWork.list(requireActor(request)),
  );

  app.get(
    '/api/cases/:id/work',
    {
      config: { access: { action: 'cases.read' } },
      schema: {
        tags,
        summary: 'The case’s steps with their deadlines, notes, services, plan, tasks, closure and follow-up',
        params: Id,
        response: { 200: CaseWork, ...errors },
      },
    },
    async (request) => casework.work(requireActor(request), request.params.id),
  );

  app.get(
    '/api/cases/:id/timeline',
    {
      config: { access: { action: 'cases.read' } },
      schema: {
        tags,
        summary: 'Everything that happened to the case, oldest first (the read is audited)',
        params: Id,
        response: { 200: z.array(TimelineEntry), ...errors },
      },
    },
    async (request) => casework.timeline(actor(request), request.params.id),
  );

  app.get(
    '/api/cases/:id/alarms',
    {
      config: { access: { action: 'cases.read' } },
      schema: {
        tags,
        summary: 'The case’s deadlines (met or breached, once), their alarms, acknowledgements and messages (audited)',
        params: Id,
        response: { 200: CaseAlarmHistory, ...errors },
      },
    },
    async (request) => casework.alarmHistory(actor(request), request.params.id),
  );

  app.post(
    '/api/cases/:id/notes',
    {
      config: { access: { action: 'cases.work' } },
      schema: {
        tags,
        summary:
          'A note; a contact with the person (completes “first contact”); or the multidisciplinary screening (completes it)',
        params: Id,
        body: NewCaseNoteRequest,
        response: { 201: CaseWork, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await casework.addNote(actor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/cases/:id/services',
    {
      config: { access: { action: 'cases.work' } },
      schema: {
        tags,
        summary: 'A service given to the person: its type, the provider and the date',
        params: Id,
        body: NewCaseServiceRequest,
        response: { 201: CaseWork, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await casework.addService(actor(request), request.params.id, request.body)),
  );

  app.put(
    '/api/cases/:id/plan',
    {
      config: { access: { action: 'cases.work' } },
      schema: {
        tags,
        summary: 'A new revision of the case plan, on top of the revision you read (409 if someone saved meanwhile)',
        params: Id,
        body: SaveCasePlanRequest,
        response: { 200: CaseWork, ...errors },
      },
    },
    async (request) => casework.savePlan(actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/tasks',
    {
      config: { access: { action: 'cases.work' } },
      schema: {
        tags,
        summary: 'A task for a unit of the team (the lead unit or one with an open referral), with its due time',
        params: Id,
        body: NewCaseTaskRequest,
        response: { 201: CaseWork, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await casework.addTask(actor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/tasks/:id/finish',
    {
      config: { access: { action: 'cases.work' } },
      schema: {
        tags,
        summary: 'Finish a task with its result',
        params: Id,
        body: FinishTaskRequest,
        response: { 200: CaseTask, ...errors },
      },
    },
    async (request) => casework.finishTask(actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/tasks/:id/follow-up',
    {
      config: { access: { action: 'cases.work' } },
      schema: {
        tags,
        summary: 'Record the follow-up after closure: how the person is and how satisfied they are',
        params: Id,
        body: RecordFollowUpRequest,
        response: { 200: CaseWork, ...errors },
      },
    },
    async (request) => casework.recordFollowUp(actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/steps/:position/complete',
    {
      config: { access: { action: 'cases.work' } },
      schema: {
        tags,
        summary: 'Mark a running step done by hand (only steps completed by a task of their own), with a note',
        params: z.object({ id: z.uuid(), position: z.coerce.number().int().min(0).max(100) }),
        body: CompleteStepRequest,
        response: { 200: CaseWork, ...errors },
      },
    },
    async (request) =>
      casework.completeStepByHand(actor(request), request.params.id, request.params.position, request.body),
  );

  app.post(
    '/api/cases/:id/closure',
    {
      config: { access: { action: 'cases.work' } },
      schema: {
        tags,
        summary:
          'Close the case with the reason and the outcome — at once, or waiting for a supervisor where the procedure asks; closing schedules the follow-up',
        params: Id,
        body: CloseCaseRequest,
        response: { 200: CaseWork, ...errors },
      },
    },
    async (request) => casework.requestClosure(actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/closure/decision',
    {
      config: { access: { action: 'cases.approve' } },
      schema: {
        tags,
        summary: 'Approve the closure (the case closes) or send it back with a note — not your own request',
        params: Id,
        body: ClosureDecisionRequest,
        response: { 200: CaseWork, ...errors },
      },
    },
    async (request) => casework.decideClosure(actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/reopen',
    {
      config: { access: { action: 'cases.read' } },
      schema: {
        tags,
        summary: 'Reopen a closed case, with the reason (the lead unit or a supervisor)',
        params: Id,
        body: ReopenCaseRequest,
        response: { 200: CaseWork, ...errors },
      },
    },
    async (request) => casework.reopen(actor(request), request.params.id, request.body),
  );
};
