export * from './load-config';
export * from './env.transforms';
export * from './common.env';
export * from './token-verification.env';
export * from './identity.env';
export * from './auth.config';
export * from './standalone.config';
export * from './rooms.config';
