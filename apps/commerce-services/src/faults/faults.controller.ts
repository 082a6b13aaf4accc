import { ReceiverCode } from '@cde/contracts';
import type { IncomingMessage } from 'node:http';
import { Controller, Delete, Get, Inject, Put, Req, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { ReceiverConfig } from '../app.config';
import { LOGGER, RECEIVER_CONFIG } from '../app.tokens';
import { ApiError } from '@cde/platform/http';
import { ApiKeyGuard } from '../http/api-key.guard';
import { readBody } from '../ingestion/batch-body';
import { faultPatchSchema, type FaultSwitches } from './fault-switches';
import { FaultsService } from './faults.service';

const MAX_PATCH_BYTES = 1024 * 1024;

export type FaultsView = FaultSwitches & {
  /** The rate limit in force: the override, or the configured one. */
  readonly effectiveRateLimit: number;
  /** Requests the `hang` switch holds now. */
  readonly heldRequests: number;
};

/** `/api/faults`: read, change (fields given replace theirs) and reset the fault switches at run time. */
@Controller('api/faults')
@UseGuards(ApiKeyGuard)
export class FaultsController {
  constructor(
    @Inject(FaultsService) private readonly faults: FaultsService,
    @Inject(RECEIVER_CONFIG) private readonly config: ReceiverConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  get(): FaultsView {
    return this.view();
  }

  @Put()
  async put(@Req() req: IncomingMessage): Promise<FaultsView> {
    let json: unknown;
    try {
      json = JSON.parse((await readBody(req, MAX_PATCH_BYTES)).toString('utf8'));
    } catch {
      throw new ApiError(
        400,
        'invalid_faults',
        'body must be a JSON object of fault switches',
        ReceiverCode.BadApiRequest,
      );
    }
    const patch = faultPatchSchema.safeParse(json);
    if (!patch.success)
      throw new ApiError(400, 'invalid_faults', z.prettifyError(patch.error), ReceiverCode.BadApiRequest);
    this.faults.update(patch.data);
    const view = this.view();
    this.logger.info({ operation: 'faults', faults: summary(view) }, 'fault switches changed');
    return view;
  }

  @Delete()
  reset(): FaultsView {
    this.faults.reset();
    this.logger.info({ operation: 'faults' }, 'fault switches reset');
    return this.view();
  }

  private view(): FaultsView {
    return {
      ...this.faults.current(),
      effectiveRateLimit: this.faults.rateLimit(this.config.rateLimit),
      heldRequests: this.faults.heldRequests(),
    };
  }
}

/** Switches as a log field: matcher counts, not the matched values. */
function summary(view: FaultsView): Record<string, unknown> {
  return {
    errorRate: view.errorRate,
    latencyMs: view.latencyMs,
    hang: view.hang,
    refuseKey: view.refuseKey,
    rejectItems: view.rejectItems.length,
    rejectBatches: view.rejectBatches.length,
    rateLimit: view.effectiveRateLimit,
  };
}
