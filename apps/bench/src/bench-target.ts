/** One message as the load sees it: its number and the intended send time (ms since epoch). */
export interface BenchPayload {
  n: number;
  t: number;
}

/** A connected room: receivers that report deliveries, and one sender. */
export interface BenchRoom {
  /** Sends one message and resolves on its ack. */
  send(payload: BenchPayload, body: string): Promise<void>;
  /** Registers the delivery callback of every receiver. */
  onDelivery(handler: (payload: BenchPayload) => void): void;
  close(): void;
}

/** A system under test: started once, then measured at each offered rate. */
export interface BenchTarget {
  readonly name: string;
  readonly description: string;
  start(): Promise<void>;
  connect(receivers: number): Promise<BenchRoom>;
  stop(): Promise<void>;
}
