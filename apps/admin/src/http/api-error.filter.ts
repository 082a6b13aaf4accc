import type { ServerResponse } from 'node:http';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { AdminCode } from '@cde/contracts';
import type { Logger } from 'pino';
import { ApiError } from './api-error';

/** Renders every failure as JSON `{ error, message, code? }`; coded ones are logged with their code. */
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
        this.logger.warn({ operation: 'api', code: exception.code, httpStatus: status }, exception.message);
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      body = { error: status === 404 ? 'not_found' : `http_${status}`, message: exception.message };
    } else {
      body = { error: 'internal_error', message: 'internal error', code: AdminCode.Internal };
      this.logger.error(
        {
          operation: 'api',
          code: AdminCode.Internal,
          err: exception instanceof Error ? { name: exception.name, message: exception.message } : undefined,
        },
        'request failed',
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const json = JSON.stringify(body);
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(json);
  }
}
