export * from './mongo.module';
export * from './mongo-query';
export * from './iso-time';
export * from './store-errors';
export * from './retry-transient';
export * from './insert-once';
export * from './lease-due';
