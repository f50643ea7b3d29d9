export * from './identity.module';
export * from './identity.options';
export * from './identity-options.from-env';
export * from './keys/key-ring';
export * from './keys/key-ring.loader';
export * from './users/users.repository';
