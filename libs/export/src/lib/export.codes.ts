/**
 * Log codes of the exporter (`CDE02-nn`, the original's "sending" group; 14 and 15 are ours). They appear on
 * warnings and errors, and in the `code` of dead-letter messages.
 */
export const ExportCode = {
  /** The receiver's response body could not be read as its protocol says; the status code still decides. */
  UnparsableResponse: 'CDE02-03',
  /** A batch exhausted its retry budget: its items get status 2 and go to the feed's dead-letter topic. */
  RetryBudgetExhausted: 'CDE02-06',
  /** 429: throttled; retried after Retry-After, with a lower allowed rate. */
  Throttled: 'CDE02-07',
  /** 5xx, a timeout or a network error: retried with backoff. */
  ServerError: 'CDE02-08',
  /** 400, or an item listed as failed in a 2xx response: data validation failed, not retried. */
  Rejected: 'CDE02-09',
  /** Another 4xx (401, 403, 413…): retried, as the original does. */
  ClientError: 'CDE02-10',
  /** An item listed as failed with a retryable status (2, 429, 5xx): status 2 and the dead-letter topic. */
  ItemRetryable: 'CDE02-11',
  /** A message on a feed topic is not a feed item message: it goes to `cde.exporter.dlt`. */
  MalformedFeedMessage: 'CDE02-14',
  /** Items not sent within the handler's time budget, or when shutting down: the batch is redone, not committed. */
  Deferred: 'CDE02-15',
} as const;

export type ExportCode = (typeof ExportCode)[keyof typeof ExportCode];
