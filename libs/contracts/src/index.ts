export * from './error-codes';
export * from './error-envelope';
export * from './limits';
export * from './auth.types';
export * from './rooms.types';
export * from './server-events';
export * from './client-events';
export * from './unsafe-text';
