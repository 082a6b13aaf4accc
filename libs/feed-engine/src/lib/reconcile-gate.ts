import { SyncCode, type FeedName } from '@cde/contracts';
import type { SyncJob, SyncJobRepository } from '@cde/platform/feed-state';
import type { Logger } from 'pino';
import { BINLOG_LOSS_REQUESTER } from './binlog-loss';

/**
 * The low watermark of a reconciliation after a binlog loss: its jobs are not claimed while change capture is not
 * streaming again (`ready`, asked at every look), and one claimed anyway — recorded after the lane last asked — is
 * asked about once more before it starts. The first wait of a feed is told once.
 */
export class ReconcileGate {
  private readonly told = new Set<FeedName>();

  constructor(
    private readonly ready: (() => Promise<boolean>) | undefined,
    private readonly jobs: Pick<SyncJobRepository, 'open'>,
    private readonly logger: Logger,
  ) {}

  /** The requesters whose jobs the feed's lane must not claim now. */
  async excluded(feed: FeedName): Promise<string[]> {
    if (!this.ready || (await this.ready().catch(() => false))) {
      this.told.delete(feed);
      return [];
    }
    if (
      !this.told.has(feed) &&
      (await this.jobs.open(feed)).some((j) => j.requestedBy === BINLOG_LOSS_REQUESTER)
    ) {
      this.told.add(feed);
      this.logger.warn(
        { feed, operation: 'full sync', code: SyncCode.CaptureNotReady },
        'the reconciliation after a binlog loss waits until change capture streams again (connector and task ' +
          'RUNNING, offsets past the lost position)',
      );
    }
    return [BINLOG_LOSS_REQUESTER];
  }

  /** Whether a claimed job may start now. */
  async mayRun(job: Pick<SyncJob, 'requestedBy'>): Promise<boolean> {
    if (job.requestedBy !== BINLOG_LOSS_REQUESTER || !this.ready) return true;
    return this.ready().catch(() => false);
  }
}
