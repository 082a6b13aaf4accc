import { SyncCode, type FeedName } from '@cde/contracts';
import { binlogPositionLost, offsetsKey, streamingNow, type ConnectorApi } from '@cde/platform/cdc';
import type { Logger } from 'pino';
import type { BinlogLossWatch } from './binlog-loss';

/** The capture gate asks Connect at most this often; lanes polling in between get its last answer. */
export const CAPTURE_GATE_MS = 5_000;

/**
 * Watches the change capture connector through Kafka Connect's REST API. With `snapshot.mode=no_data` a purged
 * binlog position does not produce snapshot reads: the connector task goes FAILED saying the position "is no longer
 * available on the server". `check` (on a timer) turns that into a binlog loss of every feed of the service;
 * `streaming` is the gate a reconciliation after a loss waits on: asked again each time (at most every
 * {@link CAPTURE_GATE_MS}), never cached for good, and false while the offsets are still the purged position.
 */
export class ConnectorWatch {
  /** The offsets when the loss was seen: the purged position, which streaming again must have left. */
  private lostOffsets: string | undefined;
  private gate: { at: number; answer: Promise<boolean> } | undefined;

  constructor(
    private readonly api: ConnectorApi,
    private readonly feeds: readonly FeedName[],
    private readonly binlogLoss: Pick<BinlogLossWatch, 'lost'>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** One look at the connector's status; a failed task whose binlog position is gone is a loss for every feed. */
  async check(): Promise<void> {
    let status;
    try {
      status = await this.api.status();
    } catch (error) {
      // Connect down or restarting is not a loss: the next look tells.
      this.logger.debug(
        { err: error },
        `could not ask Kafka Connect for the connector's status: ${String(error)}`,
      );
      return;
    }
    const lost = status === undefined ? undefined : binlogPositionLost(status);
    if (!lost) return;
    if (this.lostOffsets === undefined) {
      const offsets = await this.api.offsets().catch(() => undefined);
      if (offsets !== undefined) this.lostOffsets = offsetsKey(offsets);
    }
    // An answer given before this look (the task running for a moment before it failed) no longer holds.
    this.gate = undefined;
    for (const feed of this.feeds) {
      try {
        await this.binlogLoss.lost(feed, {
          kind: 'task failed',
          task: lost.task,
          trace: lost.firstLine,
          cause: lost.cause,
        });
      } catch (error) {
        this.logger.error(
          { feed, code: SyncCode.BackgroundTaskFailed, err: error },
          `could not record the reconciliation after a binlog loss: ${String(error)}`,
        );
      }
    }
  }

  /** Whether change capture streams now (see the class); false when Connect cannot be asked. */
  streaming(): Promise<boolean> {
    const now = this.now();
    if (this.gate && now - this.gate.at < CAPTURE_GATE_MS) return this.gate.answer;
    const answer = this.ask();
    this.gate = { at: now, answer };
    return answer;
  }

  private async ask(): Promise<boolean> {
    try {
      const [status, offsets] = await Promise.all([this.api.status(), this.api.offsets()]);
      return status !== undefined && offsets !== undefined && streamingNow(status, offsets, this.lostOffsets);
    } catch {
      return false;
    }
  }
}
