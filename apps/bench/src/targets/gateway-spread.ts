import { request } from 'node:http';
import type { Cluster } from '../local-cluster';

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
 * Which gateway nginx (`hash $remote_addr consistent`) sends a source address to: a polling handshake
 * through the balancer opens a session on one gateway, and only that gateway knows its id.
 */
async function gatewayFor(cluster: Cluster, localAddress: string, gateways: string[]): Promise<string> {
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
 * `perGateway` source addresses 127.0.0.2… for each gateway, found by asking nginx: the spread depends
 * on the gateways' random ports, so it is measured rather than assumed.
 */
export async function addressesByGateway(
  cluster: Cluster,
  gateways: string[],
  perGateway: number,
): Promise<Map<string, string[]>> {
  const chosen = new Map(gateways.map((name) => [name, [] as string[]]));
  const full = () => [...chosen.values()].every((list) => list.length >= perGateway);
  for (let host = 2; host < 255 && !full(); host++) {
    const address = `127.0.0.${host}`;
    const list = chosen.get(await gatewayFor(cluster, address, gateways))!;
    if (list.length < perGateway) list.push(address);
  }
  if (!full()) throw new Error('could not spread source addresses over the gateways');
  return chosen;
}
