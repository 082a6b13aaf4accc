import type { AdminItem } from './admin-read.repository';

/** One step of an item's way from the Commerce DB to the receiver, as `cde explain` tells it. */
export interface HistoryStep {
  readonly at: string | null;
  readonly step: 'committed' | 'assembled' | 'published' | 'answered' | 'parked';
  readonly detail: string;
}

const OUTCOMES: Readonly<Record<number, string>> = {
  0: 'no answer yet',
  200: 'accepted (200)',
  400: 'batch rejected (400)',
  1: 'item rejected by the receiver',
  2: 'retryable failure',
};

/**
 * The chain of an item from its stored timings: the commit that caused the last publish, the last assembly,
 * the publish of the version sent, the receiver's answer, and parking when the retry budget ran out.
 */
export function itemHistory(item: AdminItem): HistoryStep[] {
  const steps: HistoryStep[] = [];
  if (item.sourceCommitTime)
    steps.push({
      at: item.sourceCommitTime,
      step: 'committed',
      detail: `change to entity ${item.sourceEntityId}`,
    });
  steps.push({
    at: item.modifiedAt,
    step: 'assembled',
    detail: `${item.isDeleted ? 'delete' : 'version'} ${item.feedHash.slice(0, 12)}`,
  });
  if (item.sentHash) {
    const current = item.sentHash === item.feedHash;
    steps.push({
      at: item.producedAt,
      step: 'published',
      detail: `version ${item.sentHash.slice(0, 12)}${current ? '' : ' (older than the one assembled)'}`,
    });
  }
  if (item.ackedAt) {
    const outcome = OUTCOMES[item.status] ?? `status ${item.status}`;
    steps.push({
      at: item.ackedAt,
      step: 'answered',
      detail: [
        outcome,
        item.requestId ? `request ${item.requestId}` : '',
        item.attempts > 0 ? `${item.attempts} failed attempt(s)` : '',
        item.errors ?? '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  if (item.parked)
    steps.push({
      at: null,
      step: 'parked',
      detail: `retry budget spent: ${item.errors ?? 'no error recorded'}`,
    });
  return steps;
}
