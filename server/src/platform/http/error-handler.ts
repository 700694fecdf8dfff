import { ERRORS, type ErrorCode, type ErrorResponse } from '@oscc/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem } from './app-error.ts';

/** Fastify's own 4xx errors, mapped to our codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/**
 * PostgreSQL refusing text it cannot hold (a NUL character, an invalid byte): the caller sent it, so it is theirs to
 * fix — a safety net behind the validation that should have caught it first.
 */
const DATABASE_CODES: Record<string, ErrorCode> = {
  '22021': 'MALFORMED_REQUEST', // character_not_in_repertoire (NUL in text)
  '22P05': 'MALFORMED_REQUEST', // untranslatable_character
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  401: 'SIGN_IN_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

export function errorBody(code: ErrorCode, requestId: string, fields?: FieldProblem[]): ErrorResponse {
  const { th, en } = ERRORS[code];
  return { error: { code, message: { th, en }, ...(fields ? { fields } : {}), requestId } };
}

export function sendError(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, fields?: FieldProblem[]) {
  return reply
    .status(ERRORS[code].status)
    .type('application/json')
    .send(errorBody(code, request.id, fields));
}

/**
 * The one place errors become HTTP: 4xx for what the caller can fix, with a
 * stable code and Thai/English message; 5xx with no internals, the detail
 * going to the log under the request id.
 */
/**
 * Errors Fastify meets before a route is chosen (a URL that does not decode, a path parameter over the length
 * limit): the same error shape as every other answer. Given to Fastify as `frameworkErrors`.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('x-request-id', request.id);
  void sendError(reply, request, FASTIFY_CODES[error.code] ?? 'MALFORMED_REQUEST');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      if (error.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      return sendError(reply, request, error.code, error.fields);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((problem) => ({
        path: [error.validationContext, ...problem.instancePath.split('/').filter(Boolean)].join('.'),
        code: String((problem.params.issue as { code?: unknown } | undefined)?.code ?? 'invalid'),
        message: problem.message ?? 'invalid',
      }));
      return sendError(reply, request, 'VALIDATION_FAILED', fields);
    }
    if (isResponseSerializationError(error)) {
      request.log.error(
        { err: error, issues: error.cause.issues.map((i) => i.path.join('.')) },
        'response did not match its schema',
      );
      return sendError(reply, request, 'INTERNAL');
    }
    const fastifyError = error as FastifyError;
    const mapped = fastifyError.code
      ? (FASTIFY_CODES[fastifyError.code] ?? DATABASE_CODES[fastifyError.code])
      : undefined;
    if (mapped) {
      if (DATABASE_CODES[fastifyError.code]) request.log.warn({ code: fastifyError.code }, 'text the database refused');
      return sendError(reply, request, mapped);
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, request, STATUS_CODES[status] ?? 'MALFORMED_REQUEST');
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, request, status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL');
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, request, 'NOT_FOUND'));
}
