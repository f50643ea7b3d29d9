/** One message as the load sees it: its number and the intended send time (ms since epoch). */
export interface BenchPayload {
  n: number;
  t: number;
}

/**
 * Called for every delivery. `remote` is true when the receiver sits on another server process than the
 * sender (B2's second server, G2's other gateway), so cross-process latency can be told apart.
 */
export type DeliveryHandler = (payload: BenchPayload, remote: boolean) => void;

/** A connected room: receivers that report deliveries, and one sender. */
export interface BenchRoom {
  /** Sends one message and resolves on its ack. */
  send(payload: BenchPayload, body: string): Promise<void>;
  /** Registers the delivery callback of every receiver. */
  onDelivery(handler: DeliveryHandler): void;
  close(): void;
}

/** A system under test: started once, then measured at each offered rate. */
export interface BenchTarget {
  readonly name: string;
  readonly description: string;
  start(): Promise<void>;
  connect(receivers: number): Promise<BenchRoom>;
  /** The server processes whose CPU is billed to the target (their descendants are included). */
  serverPids(): number[];
  /**
   * A database process of the target's own, if any (G2's MongoDB stand-in). In production the database
   * runs on other machines, so it is kept off the servers' core and its CPU is reported apart.
   */
  databasePids?(): number[];
  stop(): Promise<void>;
}
