import { assertPlainPayload, MAX_PAYLOAD_DEPTH } from './payload-shape';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
}

describe('assertPlainPayload', () => {
  it('lets the contract’s flat payloads through', () => {
    expect(() => assertPlainPayload({ roomId: 'x', userIds: ['a', 'b'], seq: 3 })).not.toThrow();
    expect(() => assertPlainPayload(nested(MAX_PAYLOAD_DEPTH - 1))).not.toThrow();
  });

  it('refuses deep nesting without recursing, however deep', () => {
    expect(() => assertPlainPayload(nested(MAX_PAYLOAD_DEPTH + 1))).toThrow(/nested deeper/);
    expect(() => assertPlainPayload(nested(100_000))).toThrow(/nested deeper/);
  });

  it('refuses keys that name a prototype', () => {
    expect(() => assertPlainPayload(JSON.parse('{"__proto__":{"x":1}}'))).toThrow(/__proto__/);
    expect(() => assertPlainPayload({ a: { constructor: 1 } })).toThrow(/constructor/);
  });
});
