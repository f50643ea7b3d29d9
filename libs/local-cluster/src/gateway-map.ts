import { request } from 'node:http';
import type { Cluster } from './cluster';

function httpText(
  url: string,
  options: { method?: string; body?: string; localAddress?: string },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', localAddress: options.localAddress },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.setTimeout(3000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.once('error', reject);
    req.end(options.body);
  });
}

/**
 * Which gateway nginx sends a source address to. An Engine.IO polling handshake through the balancer
 * from that address opens a session on one gateway; only that gateway accepts a request for the
 * session id, so asking each gateway directly (closing the probe session) names it.
 */
export async function gatewayFor(
  cluster: Cluster,
  localAddress: string,
  gateways: string[],
): Promise<string> {
  const handshake = await httpText(`${cluster.url}/socket.io/?EIO=4&transport=polling`, { localAddress });
  const sid = (JSON.parse(handshake.text.slice(handshake.text.indexOf('{'))) as { sid: string }).sid;
  for (const name of gateways) {
    const url = `${cluster.directUrl(name)}/socket.io/?EIO=4&transport=polling&sid=${sid}`;
    const probe = await httpText(url, { method: 'POST', body: '1' });
    if (probe.status === 200) return name;
  }
  throw new Error(`no gateway owns the probe session from ${localAddress}`);
}

/**
 * Source addresses 127.0.0.2… chosen so that every gateway gets `perGateway` of them: the spread
 * depends on the gateways' random ports, so it is measured rather than assumed.
 */
export async function spreadAddresses(
  cluster: Cluster,
  gateways: string[],
  perGateway: number,
): Promise<{ address: string; gateway: string }[]> {
  const chosen: { address: string; gateway: string }[] = [];
  const counts = new Map(gateways.map((name) => [name, 0]));
  for (let host = 2; host < 255 && chosen.length < perGateway * gateways.length; host++) {
    const address = `127.0.0.${host}`;
    const gateway = await gatewayFor(cluster, address, gateways);
    if ((counts.get(gateway) ?? 0) >= perGateway) continue;
    counts.set(gateway, (counts.get(gateway) ?? 0) + 1);
    chosen.push({ address, gateway });
  }
  if (chosen.length < perGateway * gateways.length)
    throw new Error('could not spread clients over the gateways');
  return chosen;
}

/** `spreadAddresses`, grouped: gateway name → its source addresses. */
export async function addressesByGateway(
  cluster: Cluster,
  gateways: string[],
  perGateway: number,
): Promise<Map<string, string[]>> {
  const grouped = new Map(gateways.map((name) => [name, [] as string[]]));
  for (const { address, gateway } of await spreadAddresses(cluster, gateways, perGateway))
    grouped.get(gateway)!.push(address);
  return grouped;
}
