import { KafkaTransportCode } from '@cde/contracts';
import { ProgressWatchdog } from './progress-watchdog';

const STALL_MS = 10_000;

describe(ProgressWatchdog.name, () => {
  let fail: jest.Mock;
  let sut: ProgressWatchdog;

  beforeEach(() => {
    jest.useFakeTimers();
    fail = jest.fn();
    sut = new ProgressWatchdog(STALL_MS, () => false, fail);
    sut.start();
  });

  afterEach(() => {
    sut.stop();
    jest.useRealTimers();
  });

  it('ends the process when a batch stays in flight past the stall timeout without completing', () => {
    sut.onBatchStarted('t', 0, '10', '5');
    jest.advanceTimersByTime(STALL_MS + 2_500);
    expect(fail).toHaveBeenCalledWith(KafkaTransportCode.Stalled, expect.any(String), expect.any(Object));
  });

  it('does not count idle time: nothing in flight and no lag', () => {
    jest.advanceTimersByTime(STALL_MS * 5);
    expect(fail).not.toHaveBeenCalled();
  });

  it('keeps a batch its handler holds back on purpose alive for as long as it is held back', () => {
    sut.onBatchStarted('t', 0, '10', '5');
    // Sixty stall timeouts of a paused feed, held back every half timeout.
    for (let i = 0; i < 120; i++) {
      jest.advanceTimersByTime(STALL_MS / 2);
      sut.onHeldBack();
    }
    expect(fail).not.toHaveBeenCalled();
  });

  it('still ends the process once the holding back stops without the batch completing', () => {
    sut.onBatchStarted('t', 0, '10', '5');
    jest.advanceTimersByTime(STALL_MS / 2);
    sut.onHeldBack();
    jest.advanceTimersByTime(STALL_MS / 2);
    expect(fail).not.toHaveBeenCalled();
    jest.advanceTimersByTime(STALL_MS);
    expect(fail).toHaveBeenCalledWith(KafkaTransportCode.Stalled, expect.any(String), expect.any(Object));
  });
});
