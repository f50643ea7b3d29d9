import { Injectable } from '@nestjs/common';
import type { BroadcastTarget } from './broadcast-live-events';

/**
 * The standalone server's Socket.IO server, registered by its gateway once it exists. Until then
 * (or in a process with no gateway) live events have no socket to reach and are dropped.
 */
@Injectable()
export class LocalSocketServer {
  server?: BroadcastTarget;
}
