import type { ServerResponse } from 'node:http';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { ApiError } from './api-error';

export interface ApiErrorFilterOptions {
  /** The catalog code of an unexpected failure (answered 500 `internal_error`). */
  readonly internalCode: string;
  /** Fields added to the log line of a failure, from the response (e.g. its request id). */
  readonly logFields?: (res: ServerResponse) => Readonly<Record<string, unknown>>;
  /** Headers every error response carries (e.g. `cache-control`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The JSON body of every failure. */
export interface ApiErrorBody {
  readonly error: string;
  readonly message: string;
  readonly code?: string;
}

/** The status and body a failure is answered with: ApiError as given, other HTTP errors by status, else 500. */
export function apiErrorReply(
  exception: unknown,
  internalCode: string,
): { status: number; body: ApiErrorBody } {
  if (exception instanceof ApiError)
    return {
      status: exception.getStatus(),
      body: { error: exception.error, message: exception.message, code: exception.code },
    };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return {
      status,
      body: { error: status === 404 ? 'not_found' : `http_${status}`, message: exception.message },
    };
  }
  return { status: 500, body: { error: 'internal_error', message: 'internal error', code: internalCode } };
}

/** Renders every failure as JSON `{ error, message, code? }`; coded ones are logged with their code. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly options: ApiErrorFilterOptions,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ServerResponse>();
    const { status, body } = apiErrorReply(exception, this.options.internalCode);
    const fields = this.options.logFields?.(res) ?? {};
    if (exception instanceof ApiError) {
      if (exception.code !== undefined)
        this.logger.warn(
          { operation: 'api', code: exception.code, httpStatus: status, ...fields },
          exception.message,
        );
    } else if (!(exception instanceof HttpException)) {
      this.logger.error(
        {
          operation: 'api',
          code: this.options.internalCode,
          ...fields,
          err: exception instanceof Error ? { name: exception.name, message: exception.message } : undefined,
        },
        'request failed',
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    writeJson(res, status, body, this.options.headers);
  }
}

/** Answers with a JSON body: its length, `application/json; charset=utf-8` and the given headers. */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(json));
  res.end(json);
}
