import { HttpException } from '@nestjs/common';

/** A failure of an HTTP API, rendered as `{ error, message, code }` by ApiErrorFilter. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly error: string,
    message: string,
    readonly code?: string,
  ) {
    super(message, status);
  }
}
