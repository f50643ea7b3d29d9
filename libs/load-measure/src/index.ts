export * from './latency-histogram';
export * from './send-schedule';
