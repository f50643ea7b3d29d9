export * from './test-servers';
export * from './http-client';
export * from './redis-helpers';
export * from './servers/redis-server';
export * from './servers/redis-cluster';
export * from './embedded-mongo/embedded-mongo';
