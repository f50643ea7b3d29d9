import { outcomeOfStatus } from './push-provider';

describe('outcomeOfStatus', () => {
  it('reads a push service answer: taken, gone, retried later, or refused for good', () => {
    expect(outcomeOfStatus(201)).toEqual({ outcome: 'sent' });
    expect(outcomeOfStatus(404)).toEqual({ outcome: 'gone' });
    expect(outcomeOfStatus(410)).toEqual({ outcome: 'gone' });
    expect(outcomeOfStatus(429, '30')).toEqual({ outcome: 'retry', reason: 'HTTP 429', afterMs: 30_000 });
    expect(outcomeOfStatus(503, 'soon')).toEqual({
      outcome: 'retry',
      reason: 'HTTP 503',
      afterMs: undefined,
    });
    expect(outcomeOfStatus(413)).toEqual({ outcome: 'failed', reason: 'HTTP 413' });
    expect(outcomeOfStatus(401)).toEqual({ outcome: 'failed', reason: 'HTTP 401' });
  });
});
