import { lookup } from 'node:dns';
import { Agent } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from '../subscriptions/endpoint-policy';

/**
 * Resolves as usual, then refuses a name that leads into the server's own network: checked at connect
 * time, so a push endpoint's name that resolves elsewhere later (DNS rebinding) still cannot reach it.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused) {
      const denied: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to ${refused.address}, not a public address`,
      );
      denied.code = 'EPUSHPRIVATE';
      return callback(denied, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/** The HTTPS agent for push services when the operator lists no hosts: any public address, nothing else. */
export function publicOnlyAgent(): Agent {
  return new Agent({ keepAlive: true, lookup: publicOnlyLookup });
}
