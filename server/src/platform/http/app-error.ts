import { ERRORS, type ErrorCode } from '@oscc/contract';

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

/**
 * The one error type services throw for anything a person can cause or must
 * be told about. The code decides the HTTP status and the message (Thai and
 * English, from the contract); `internal` is for logs only and never leaves
 * the server.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly fields: FieldProblem[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    options: { internal?: string; fields?: FieldProblem[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(options.internal ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.statusCode = ERRORS[code].status;
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
