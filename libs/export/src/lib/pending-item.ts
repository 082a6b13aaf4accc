import type { ExportItem } from './feed-item-reader';

/** How an item left the delivery: settled (outcome recorded or dead-lettered), or deferred to a rerun. */
export type ItemResult =
  | { readonly kind: 'settled' }
  | {
      readonly kind: 'deferred';
      /** Failed attempts so far, carried into the rerun's retry budget. */
      readonly failures: number;
      readonly reason: string;
    };

/** An item on its way: what is sent, by when its handler call wants it done, and how to report back. */
export interface PendingItem {
  readonly export: ExportItem;
  /** Past this (epoch ms) no new wait starts for it: it is deferred instead. */
  readonly deadline: number;
  /** Failed attempts in earlier runs of the same batch. */
  readonly priorFailures: number;
  settle(result: ItemResult): void;
  /** Its outcome could not be made durable (DB or Kafka failure): the handler call fails and is retried. */
  fail(error: unknown): void;
}
