import { FEED_NAMES, SchedulingCode, Topics, type CdeCommand } from '@cde/contracts';
import { decodeJson, poisonAt, type Decoded, type JsonMessage } from '@cde/platform/kafka';
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
  reconcile: z
    .object({
      resend: z.array(z.string().min(1)),
      unknown: z.array(z.object({ feedId: z.string().min(1), item: z.record(z.string(), z.unknown()) })),
    })
    .optional(),
});

const command = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resync'), ...base, options: resyncOptions }),
  z.object({ type: z.literal('retry-parked'), ...base, feedIds: z.array(z.string()).optional() }),
]);

/** A message of `cde.commands` as a validated command, or poison with a readable reason. */
export function readCdeCommand(message: JsonMessage): Decoded<CdeCommand> {
  const decoded = decodeJson(Topics.commands, message);
  if (!decoded.ok) return decoded;
  const parsed = command.safeParse(decoded.value);
  if (!parsed.success) {
    return poisonAt(
      message.offset,
      SchedulingCode.InvalidCommand,
      `not a valid command: ${z.prettifyError(parsed.error)}`,
    );
  }
  return { ok: true, value: parsed.data };
}
