import { Controller, Get, Inject } from '@nestjs/common';
import { FeedItemsRepository } from '../feed-items/feed-items.repository';
import { ApiError } from '@cde/platform/http';

/** Liveness (the process answers) and readiness (its database answers); no key, for probes. */
@Controller()
export class HealthController {
  constructor(@Inject(FeedItemsRepository) private readonly repository: FeedItemsRepository) {}

  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ready' }> {
    try {
      await this.repository.ping();
    } catch {
      throw new ApiError(503, 'not_ready', 'the database does not answer');
    }
    return { status: 'ready' };
  }
}
