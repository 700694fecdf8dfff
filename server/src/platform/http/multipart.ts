import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './app-error.ts';

/** One file of a multipart request, read into memory (the limits keep it small). */
export interface UploadedFile {
  field: string;
  fileName: string;
  content: Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The files of a multipart request, read by `readMultipartBody`. */
    uploads?: UploadedFile[];
  }
}

export interface MultipartLimits {
  /** The largest file, in bytes. */
  maxFileBytes: number;
  maxFiles: number;
  /** The field whose text is the request's JSON body, when the route has one. */
  jsonField?: string;
  /** The largest JSON field, in bytes. */
  maxJsonBytes?: number;
}

/** The multipart routes, for the OpenAPI document (a zod body cannot describe a file). */
const described = new Map<string, MultipartLimits & { fileField: string; summary: string }>();

/**
 * Lets the routes of one plugin take multipart/form-data (the parser is
 * scoped to the plugin). Nothing is read until a route asks for it.
 */
export async function acceptMultipart(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
}

/**
 * Reads a whole multipart request within its limits: files into
 * `request.uploads`, and the JSON field (if any) into `request.body`, so the
 * route's schema validates it exactly as it would a JSON request. Anything
 * over a limit is a 413 and nothing of it is kept.
 */
export async function readMultipartBody(request: FastifyRequest, limits: MultipartLimits): Promise<void> {
  const uploads: UploadedFile[] = [];
  let json: string | undefined;
  try {
    const parts = request.parts({
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fields: 4,
        fieldSize: limits.maxJsonBytes ?? 64 * 1024,
        parts: limits.maxFiles + 4,
        headerPairs: 50,
      },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (content.length > 0) uploads.push({ field: part.fieldname, fileName: part.filename, content });
      } else if (part.fieldname === limits.jsonField && typeof part.value === 'string') {
        if (part.valueTruncated) throw new AppError('PAYLOAD_TOO_LARGE');
        json = part.value;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { statusCode?: number }).statusCode === 413) throw new AppError('PAYLOAD_TOO_LARGE');
    throw new AppError('MALFORMED_REQUEST', { internal: (error as Error).message });
  }
  request.uploads = uploads;
  if (limits.jsonField) {
    if (json === undefined)
      throw new AppError('VALIDATION_FAILED', {
        fields: [
          {
            path: `body.${limits.jsonField}`,
            code: 'required',
            message: `ส่งข้อมูล JSON ในช่อง ${limits.jsonField} / Send the JSON in the field "${limits.jsonField}"`,
          },
        ],
      });
    try {
      request.body = JSON.parse(json) as unknown;
    } catch {
      throw new AppError('MALFORMED_REQUEST');
    }
  }
}

/** Records how a route takes multipart, for `describeMultipartRoutes`. */
export function documentMultipart(
  url: string,
  spec: MultipartLimits & { fileField: string; summary: string },
): MultipartLimits {
  described.set(url, spec);
  return spec;
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
}

/**
 * Adds the multipart/form-data form of each multipart route's body to the
 * OpenAPI document: its JSON field (the same schema as the JSON body) and its
 * files with their limits.
 */
export function describeMultipartRoutes<T>(document: T): T {
  const doc = document as OpenApiDocument;
  for (const [url, spec] of described) {
    const operation = doc.paths?.[url]?.post;
    if (!operation) continue;
    const json = operation.requestBody?.content?.['application/json'] as { schema?: unknown } | undefined;
    const properties: Record<string, unknown> = {
      [spec.fileField]: {
        type: 'array',
        maxItems: spec.maxFiles,
        items: { type: 'string', format: 'binary', maxLength: spec.maxFileBytes },
        description: spec.summary,
      },
    };
    if (spec.jsonField)
      properties[spec.jsonField] = {
        ...(json?.schema as object),
        description: 'The same JSON as the application/json body, as the text of this field',
      };
    operation.requestBody = {
      ...operation.requestBody,
      content: {
        ...operation.requestBody?.content,
        'multipart/form-data': {
          schema: { type: 'object', properties, ...(spec.jsonField ? { required: [spec.jsonField] } : {}) },
          encoding: spec.jsonField ? { [spec.jsonField]: { contentType: 'application/json' } } : undefined,
        },
      },
    };
  }
  return document;
}
