import { FEED_NAMES, type CdeCommand } from '@cde/contracts';
import { z } from 'zod';

const base = {
  commandId: z.string().min(1).max(64),
  requestedAt: z.string(),
  requestedBy: z.string().max(255),
  feed: z.enum(FEED_NAMES),
};

const resyncOptions = z.object({
  byIds: z.array(z.string().min(1)).optional(),
  idType: z.enum(['sku', 'productId', 'id']).optional(),
  dryRun: z.boolean().default(false),
  cleanupFeed: z.boolean().default(false),
  noReindex: z.boolean().default(false),
  continueResync: z.boolean().default(false),
  threadCount: z.number().int().optional(),
  batchSize: z.number().int().optional(),
  force: z.boolean().default(false),
});

const command = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resync'), ...base, options: resyncOptions }),
  z.object({ type: z.literal('retry-parked'), ...base, feedIds: z.array(z.string()).optional() }),
]);

/** Validates a command from `cde.commands`; throws a readable error for anything malformed. */
export function parseCdeCommand(value: unknown): CdeCommand {
  const parsed = command.safeParse(value);
  if (!parsed.success) throw new Error(`not a valid command: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
