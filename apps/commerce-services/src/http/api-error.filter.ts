import { ReceiverCode } from '@cde/contracts';
import type { ServerResponse } from 'node:http';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { ApiError } from './api-error';
import { requestIdOf } from './request-id';

/** Renders every failure outside ingestion as JSON `{ error, message, code? }`; unexpected ones are logged. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ServerResponse>();
    let status = 500;
    let body: { error: string; message: string; code?: string };
    if (exception instanceof ApiError) {
      status = exception.getStatus();
      body = { error: exception.error, message: exception.message, code: exception.code };
      if (exception.code !== undefined)
        this.logger.warn(
          { operation: 'api', code: exception.code, httpStatus: status, traceId: requestIdOf(res) },
          exception.message,
        );
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      body = { error: status === 404 ? 'not_found' : `http_${status}`, message: exception.message };
    } else {
      body = { error: 'internal_error', message: 'internal error', code: ReceiverCode.Internal };
      this.logger.error(
        {
          operation: 'api',
          code: ReceiverCode.Internal,
          traceId: requestIdOf(res),
          err: exception instanceof Error ? { name: exception.name, message: exception.message } : undefined,
        },
        'request failed',
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    writeJson(res, status, body);
  }
}

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
