import { Body, Controller, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { commandsFor } from '@cde/admin-api';
import { AdminCode, Topics } from '@cde/contracts';
import type { KafkaPublisher } from '@cde/platform/kafka';
import type { Logger } from 'pino';
import { LOGGER, PUBLISHER } from '../app.tokens';
import { SessionGuard, type SignedInRequest } from '../auth/session.guard';
import { ApiError } from '@cde/platform/http';

export interface ActionResult {
  readonly commands: readonly { readonly feed: string; readonly commandId: string; readonly type: string }[];
}

/**
 * Operator actions: each becomes commands on `cde.commands` (key: the feed) naming who asked, `dashboard:<user>`;
 * the owning feed service runs them and reports on `cde.events`, which the page follows over /api/events.
 */
@Controller('api/actions')
@UseGuards(SessionGuard)
export class ActionsController {
  constructor(
    @Inject(PUBLISHER) private readonly publisher: KafkaPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  async act(@Body() body: unknown, @Req() req: SignedInRequest): Promise<ActionResult> {
    const requestedBy = `dashboard:${req.session!.user}`;
    const commands = commandsFor(body, requestedBy);
    if (!commands.ok) throw new ApiError(400, 'invalid_action', commands.message, AdminCode.BadRequest);
    try {
      await this.publisher.publish(
        Topics.commands,
        commands.value.map((c) => ({ key: c.feed, value: c })),
      );
    } catch (error) {
      this.logger.error(
        { operation: 'command', code: AdminCode.CommandNotSent, err: error, requestedBy },
        'a command could not be published',
      );
      throw new ApiError(
        503,
        'not_sent',
        'the command could not be sent; try again',
        AdminCode.CommandNotSent,
      );
    }
    for (const c of commands.value)
      this.logger.info(
        { feed: c.feed, operation: c.type, commandId: c.commandId, requestedBy },
        `${c.type} requested`,
      );
    return { commands: commands.value.map((c) => ({ feed: c.feed, commandId: c.commandId, type: c.type })) };
  }
}
