import { EventEmitter } from 'node:events';

/**
 * kafkajs 2.2.4 re-armed its request queue's pending check with a negative timeout (run after 1 ms) whenever nothing
 * was pending: a timer loop per broker connection for the life of the process, and a TimeoutNegativeWarning on
 * Node 24 (kafkajs#1704, #1751; no release fixes it). patches/kafkajs+2.2.4.patch, applied by `npm ci`, stops it.
 * This pins the patched behaviour, so a reinstall without the patch fails here.
 */
interface RequestQueueLike {
  throttledUntil: number;
  pending: unknown[];
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a kafkajs internal, not part of its typings
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => RequestQueueLike;

const queue = (): RequestQueueLike =>
  new RequestQueue({
    instrumentationEmitter: new EventEmitter(),
    maxInFlightRequests: null,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: '127.0.0.1:9',
    logger: { debug: () => undefined, warn: () => undefined, info: () => undefined, error: () => undefined },
    isConnected: () => true,
  });

describe('kafkajs request queue (patched)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  it('arms no timer when nothing is pending and nothing throttles', () => {
    queue().checkPendingRequests();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still checks again while requests wait or a throttle runs', () => {
    const waiting = queue();
    waiting.pending.push({});
    waiting.scheduleCheckPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
    jest.clearAllTimers();

    const throttled = queue();
    throttled.throttledUntil = Date.now() + 60_000;
    throttled.scheduleCheckPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
  });
});
