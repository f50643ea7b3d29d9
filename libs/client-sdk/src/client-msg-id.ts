import { RoomLimits } from '@chat/contracts';

function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return Array.from(buffer, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A fresh `clientMsgId`: a random UUID (122 random bits), which already matches the contract's
 * 8–64 `[A-Za-z0-9_-]`. `randomUUID` exists only in secure contexts, so plain-HTTP pages on a LAN
 * address fall back to the same entropy from `getRandomValues`.
 */
export function newClientMsgId(): string {
  const id =
    typeof globalThis.crypto.randomUUID === 'function' ? globalThis.crypto.randomUUID() : randomHex(16);
  return id;
}

export function isValidClientMsgId(id: string): boolean {
  return RoomLimits.clientMsgId.test(id);
}
