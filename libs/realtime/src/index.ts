export * from './live-events';
export * from './broadcast-live-events';
export * from './local-socket-server';
export * from './realtime.module';
export * from './relay-live-events';
export * from './emitter-live-events';
