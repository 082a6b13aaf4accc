import type { CdcCode } from '@cde/contracts';

/** Where a message sat in Kafka, so an error can point at it. */
export interface CdcMessageOrigin {
  readonly topic: string;
  readonly partition?: number;
  readonly offset?: string;
}

/** A message that cannot be decoded. Never retried: the consumer dead-letters it and commits. */
export class CdcDecodeError extends Error {
  override readonly name = 'CdcDecodeError';

  constructor(
    readonly code: CdcCode,
    readonly reason: string,
    readonly origin: CdcMessageOrigin,
  ) {
    super(`${code} ${reason} (topic ${origin.topic}${formatPosition(origin)})`);
  }
}

function formatPosition(origin: CdcMessageOrigin): string {
  if (origin.partition === undefined) return '';
  return ` partition ${origin.partition}${origin.offset === undefined ? '' : ` offset ${origin.offset}`}`;
}
