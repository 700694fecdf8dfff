import type { ErrorResponse } from '@oscc/contract';

export type LocalizedMessage = { th: string; en: string };
type FieldProblem = NonNullable<ErrorResponse['error']['fields']>[number];

/** Shown when the server could not be reached or answered with something that is not our error shape. */
export const NETWORK_ERROR_MESSAGE: LocalizedMessage = {
  th: 'ไม่สามารถติดต่อเซิร์ฟเวอร์ได้ กรุณาตรวจสอบการเชื่อมต่อแล้วลองใหม่',
  en: 'Could not reach the server. Please check your connection and try again.',
};
export const UNEXPECTED_RESPONSE_MESSAGE: LocalizedMessage = {
  th: 'เซิร์ฟเวอร์ตอบกลับในรูปแบบที่ไม่คาดคิด กรุณาลองใหม่',
  en: 'The server sent an unexpected answer. Please try again.',
};

/** An API failure, carrying the server's Thai and English message so the interface never shows a bare code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: LocalizedMessage;
  readonly fields: readonly FieldProblem[];
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: string;
    messages: LocalizedMessage;
    fields?: readonly FieldProblem[];
    requestId?: string | null;
  }) {
    super(`${init.code}: ${init.messages.en}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.messages = init.messages;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Recognises the one error shape of the API without trusting anything else in the body. */
export function parseErrorBody(status: number, body: unknown, fallbackRequestId: string | null): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, fields, requestId } = error as Record<string, unknown>;
      if (typeof code === 'string' && isLocalizedMessage(message)) {
        return new ApiError({
          status,
          code,
          messages: message,
          fields: Array.isArray(fields) ? (fields as FieldProblem[]) : [],
          requestId: typeof requestId === 'string' ? requestId : fallbackRequestId,
        });
      }
    }
  }
  return new ApiError({
    status,
    code: 'UNEXPECTED_RESPONSE',
    messages: UNEXPECTED_RESPONSE_MESSAGE,
    requestId: fallbackRequestId,
  });
}

function isLocalizedMessage(value: unknown): value is LocalizedMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { th, en } = value as Record<string, unknown>;
  return typeof th === 'string' && typeof en === 'string';
}

/** Builds a query string from the parameters that have a value, so empty filters are not sent. */
export function toQueryString(parameters: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A file sent as the body itself, with its own content type (the workbook import), instead of JSON. */
  file?: { content: Blob; contentType: string };
  /** A multipart/form-data body (files with a JSON part); the browser sets the content type with its boundary. */
  form?: FormData;
  /** Extra request headers, such as an Idempotency-Key. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** The session's CSRF token for a state-changing request: the server hands our pages (and only them) a readable cookie. */
export function csrfHeader(): Record<string, string> {
  const token = readCookie('oscc_csrf');
  return token ? { 'x-csrf-token': token } : {};
}

/**
 * Calls the API on our own origin. The session is an HttpOnly cookie, so it
 * travels by itself; POSTs send a JSON body because the server accepts
 * nothing else (that is part of its cross-site protection) — except the
 * upload routes, which take the file itself or a multipart form and check
 * the origin as usual.
 */
export async function apiRequest<T>(
  path: string,
  { method = 'GET', body, file, form, headers: extraHeaders, signal }: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers, signal };
  if (method !== 'GET') Object.assign(headers, csrfHeader());
  if (method !== 'GET' && form) {
    init.body = form;
  } else if (method !== 'GET' && file) {
    headers['content-type'] = file.contentType;
    init.body = file.content;
  } else if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({ status: 0, code: 'NETWORK', messages: NETWORK_ERROR_MESSAGE });
  }

  const requestId = response.headers.get('x-request-id');
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw parseErrorBody(response.status, payload, requestId);
  // 202 Accepted says only "received"; its body, if any, carries nothing.
  if (response.status === 202) return undefined as T;
  if (payload === undefined) {
    throw new ApiError({
      status: response.status,
      code: 'UNEXPECTED_RESPONSE',
      messages: UNEXPECTED_RESPONSE_MESSAGE,
      requestId,
    });
  }
  return payload as T;
}
