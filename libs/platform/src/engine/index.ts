export * from './engine';
export * from './engine.module';
export * from './redis-client';
export * from './rate-limit-rejection';
export * from './user-rate-limits';
