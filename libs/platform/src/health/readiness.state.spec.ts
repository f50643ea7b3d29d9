import { ReadinessState } from './readiness.state';

describe('ReadinessState start-up holds', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is held while start-up work is pending and released when it settles, even by failing', async () => {
    const readiness = new ReadinessState();
    let subscribe!: () => void;
    let fail!: (error: Error) => void;
    readiness.holdUntil('live events', new Promise<void>((resolve) => (subscribe = resolve)));
    readiness.holdUntil('revocations', new Promise<void>((_resolve, reject) => (fail = reject)));
    expect(readiness.pendingStartup).toEqual(['live events', 'revocations']);

    subscribe();
    await jest.advanceTimersByTimeAsync(0);
    expect(readiness.pendingStartup).toEqual(['revocations']);
    fail(new Error('subscribe refused'));
    await jest.advanceTimersByTimeAsync(0);
    expect(readiness.pendingStartup).toEqual([]);
  });

  it('stops holding after the timeout, so an unreachable Redis at start does not keep a replica out', async () => {
    const readiness = new ReadinessState();
    readiness.holdUntil('live events', new Promise(() => undefined), 10_000);
    await jest.advanceTimersByTimeAsync(9_999);
    expect(readiness.pendingStartup).toEqual(['live events']);
    await jest.advanceTimersByTimeAsync(1);
    expect(readiness.pendingStartup).toEqual([]);
  });
});
