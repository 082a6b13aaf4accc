import { HttpException } from '@nestjs/common';

/** A failure of the admin API, rendered as `{ error, message, code }` by ApiErrorFilter. */
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
