import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { forkReady, stopChild } from '../child-process';
import type { SwarmReply, SwarmRequest } from './swarm.protocol';

type Body<R> = R extends unknown ? Omit<R, 'id'> : never;

/** Client processes holding many sockets each; requests go to all of them and their replies are summed. */
export class Swarm {
  private nextId = 1;

  private constructor(private readonly children: ChildProcess[]) {}

  static async start(processes: number): Promise<Swarm> {
    const script = join(__dirname, 'swarm.child.js');
    return new Swarm(await Promise.all(Array.from({ length: processes }, () => forkReady(script, []))));
  }

  get size(): number {
    return this.children.length;
  }

  /** Sends each child its own request (e.g. its share of the tokens) and waits for every reply. */
  ask(requests: Body<SwarmRequest>[]): Promise<SwarmReply[]> {
    return Promise.all(requests.map((request, index) => this.askOne(this.children[index], request)));
  }

  /** Sockets connected now, over all children. */
  async connected(): Promise<number> {
    const replies = await this.ask(this.children.map(() => ({ op: 'count' as const })));
    return replies.reduce((sum, reply) => sum + reply.connected, 0);
  }

  async closeSockets(): Promise<void> {
    await this.ask(this.children.map(() => ({ op: 'close' as const })));
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map(stopChild));
  }

  private askOne(child: ChildProcess, request: Body<SwarmRequest>): Promise<SwarmReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const onMessage = (reply: SwarmReply) => {
        if (reply.id !== id) return;
        child.off('message', onMessage);
        resolve(reply);
      };
      child.on('message', onMessage);
      child.send({ ...request, id });
    });
  }
}

/** Splits `items` into `parts` nearly equal slices, in order. */
export function split<T>(items: T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, index) => items.slice(index * size, (index + 1) * size));
}
