import {
  AcknowledgeAlarmRequest,
  AlarmDeliveryList,
  AlarmDeliveryQuery,
  AlarmItem,
  AlarmLadder,
  ErrorResponse,
  LineLinkCode,
  MyAlarms,
  MyAlarmsQuery,
  SaveAlarmLadderRequest,
} from '@oscc/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { AlarmsService } from './alarms.service.ts';
import type { AlarmFeed } from './feed.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Id = z.object({ id: z.uuid() });
const HEARTBEAT_MS = 25_000;

/** Alarms: my alarms (live), acknowledging, the ladder, failed deliveries, linking LINE. */
export const alarmsRoutes: FastifyPluginAsyncZod<{
  alarms: AlarmsService;
  feed: AlarmFeed;
  lineConfigured: boolean;
}> = async (app, { alarms, feed, lineConfigured }) => {
  const actor = (request: FastifyRequest) => ({ principal: requireActor(request), requestId: request.id });
  const tags = ['alarms'];
  const streams = new Set<() => void>();
  // Before the server waits for its connections to end: an open event stream never would.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get(
    '/api/alarms/mine',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'My alarms, newest first: open (not acknowledged by me, not resolved) or all',
        querystring: MyAlarmsQuery,
        response: { 200: MyAlarms, ...errors },
      },
    },
    async (request) => alarms.mine(requireActor(request), request.query),
  );

  app.post(
    '/api/alarms/read',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Marks my in-app alarms as seen', response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await alarms.markRead(requireActor(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/alarms/:id/acknowledge',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Acknowledges an alarm sent to me (who, when, note); the first acknowledgement stops its repeats',
        params: Id,
        body: AcknowledgeAlarmRequest,
        response: { 200: AlarmItem, ...errors },
      },
    },
    async (request) => alarms.acknowledge(actor(request), request.params.id, request.body.note || null),
  );

  app.get(
    '/api/alarms/stream',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary:
          'Server-sent events: `alarm` with {alarmId} the moment an alarm for me is raised (then read /api/alarms/mine)',
      },
    },
    async (request, reply) => {
      const principal = requireActor(request);
      await feed.start();
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      raw.write('retry: 5000\n\n: connected\n\n');
      const unsubscribe = feed.subscribe(principal.userId, (event) => {
        raw.write(`event: alarm\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      streams.add(end);
      request.raw.on('close', end);
    },
  );

  app.get(
    '/api/alarm-ladder',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'The escalation ladder: who is told at each level, over which channels, how often it repeats',
        response: { 200: AlarmLadder, ...errors },
      },
    },
    async () => alarms.ladder(),
  );

  app.put(
    '/api/alarm-ladder',
    {
      config: { access: { action: 'alarms.manage' } },
      schema: {
        tags,
        summary: 'Changes the ladder and the warning share (national administrators; audited)',
        body: SaveAlarmLadderRequest,
        response: { 200: AlarmLadder, ...errors },
      },
    },
    async (request) => alarms.saveLadder(actor(request), request.body),
  );

  app.get(
    '/api/alarm-deliveries',
    {
      config: { access: { action: 'alarms.manage' } },
      schema: {
        tags,
        summary: 'Outgoing alarm messages by status: failed, still retrying, waiting for a digest, sent',
        querystring: AlarmDeliveryQuery,
        response: { 200: AlarmDeliveryList, ...errors },
      },
    },
    async (request) => alarms.deliveries(request.query),
  );

  app.post(
    '/api/alarm-deliveries/:id/retry',
    {
      config: { access: { action: 'alarms.manage' } },
      schema: {
        tags,
        summary: 'Sends a failed alarm message again (audited)',
        params: Id,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await alarms.retryDelivery(actor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/me/line-link',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'A one-time code to send to the OA in LINE ("OSCC 123456") to get alarms in LINE',
        response: { 200: LineLinkCode, 503: ErrorResponse, ...errors },
      },
    },
    async (request) => {
      if (!lineConfigured) throw new AppError('CHANNEL_NOT_CONFIGURED');
      return alarms.lineLinkCode(requireActor(request));
    },
  );

  app.delete(
    '/api/me/line-link',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Stops alarms in LINE (unlinks my LINE account)',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await alarms.unlinkLine(actor(request));
      return reply.status(204).send(null);
    },
  );
};
