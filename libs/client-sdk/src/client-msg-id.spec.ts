import { isValidClientMsgId, newClientMsgId } from './client-msg-id';

describe('newClientMsgId', () => {
  it('matches the contract format and does not repeat', () => {
    const ids = Array.from({ length: 1000 }, () => newClientMsgId());
    for (const id of ids) expect(isValidClientMsgId(id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('falls back to getRandomValues where randomUUID is missing', () => {
    const original = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const id = newClientMsgId();
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(isValidClientMsgId(id)).toBe(true);
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: original, configurable: true });
    }
  });

  it('rejects ids outside 8–64 of [A-Za-z0-9_-]', () => {
    expect(isValidClientMsgId('short')).toBe(false);
    expect(isValidClientMsgId('has space in it')).toBe(false);
    expect(isValidClientMsgId('x'.repeat(65))).toBe(false);
  });
});
