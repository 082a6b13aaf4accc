import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { IngestionHeaders, ReceiverCode } from '@cde/contracts';
import type { ReceiverConfig } from '../app.config';
import { RECEIVER_CONFIG } from '../app.tokens';
import { apiKeyMatches } from '../ingestion/ingestion-auth';
import { ApiError } from '@cde/platform/http';

/** The read and admin APIs take the same `x-api-key` as ingestion. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(RECEIVER_CONFIG) private readonly config: ReceiverConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    const key = req.headers[IngestionHeaders.apiKey];
    if (apiKeyMatches(typeof key === 'string' ? key : undefined, this.config.apiKey)) return true;
    throw new ApiError(
      401,
      'invalid_api_key',
      'x-api-key is missing or not valid',
      ReceiverCode.ApiUnauthorized,
    );
  }
}
