import { parseFeedName, type FeedName, type ResyncIdType, type ResyncOptions } from '@cde/contracts';

/** What `cde resync` accepts, as commander hands it over (the original's `saas:resync` options). */
export interface ResyncFlags {
  feed?: string;
  byIds?: string;
  idType?: string;
  dryRun?: boolean;
  cleanupFeed?: boolean;
  reindex?: boolean;
  continueResync?: boolean;
  threadCount?: string;
  batchSize?: string;
  force?: boolean;
}

export class ResyncUsageError extends Error {
  override readonly name = 'ResyncUsageError';
}

const ID_TYPES: Record<string, ResyncIdType> = { sku: 'sku', productid: 'productId', id: 'id' };

function positiveInt(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ResyncUsageError(`${flag} must be an integer from 1 to ${max}, got "${value}"`);
  return n;
}

/** Validates the flags into a command's options, with the original's rules and clear messages. */
export function parseResyncFlags(flags: ResyncFlags): {
  feed: FeedName;
  options: ResyncOptions;
  warnings: string[];
} {
  if (!flags.feed) throw new ResyncUsageError('--feed is required (e.g. --feed=products)');
  const feed = parseFeedName(flags.feed);
  if (!feed) throw new ResyncUsageError(`unknown feed "${flags.feed}"`);
  const warnings: string[] = [];
  const byIds = flags.byIds
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (flags.byIds !== undefined && (!byIds || byIds.length === 0))
    throw new ResyncUsageError('--by-ids needs a comma-separated list of ids');
  let idType: ResyncIdType | undefined;
  if (flags.idType !== undefined) {
    idType = ID_TYPES[flags.idType.toLowerCase()];
    if (!idType) throw new ResyncUsageError(`--id-type must be sku, productId or id, got "${flags.idType}"`);
    if (!byIds) throw new ResyncUsageError('--id-type only applies with --by-ids');
  }
  if (byIds && flags.continueResync)
    throw new ResyncUsageError('--by-ids and --continue-resync cannot be combined');
  if (byIds && flags.cleanupFeed)
    throw new ResyncUsageError('--by-ids and --cleanup-feed cannot be combined');
  if (flags.cleanupFeed) {
    warnings.push(
      '--cleanup-feed empties the feed state: every item is sent again, and deletes of items that vanished since ' +
        'the last sync will never reach the SaaS. Use it only after the data space was cleaned up.',
    );
  }
  const options: ResyncOptions = {
    ...(byIds ? { byIds } : {}),
    ...(idType ? { idType } : {}),
    dryRun: flags.dryRun ?? false,
    cleanupFeed: flags.cleanupFeed ?? false,
    noReindex: flags.reindex === false,
    continueResync: flags.continueResync ?? false,
    force: flags.force ?? false,
  };
  const threadCount = positiveInt('--thread-count', flags.threadCount, 32);
  const batchSize = positiveInt('--batch-size', flags.batchSize, 10_000);
  return {
    feed,
    options: { ...options, ...(threadCount ? { threadCount } : {}), ...(batchSize ? { batchSize } : {}) },
    warnings,
  };
}
