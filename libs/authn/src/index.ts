export * from './auth-user';
export * from './authn.options';
export * from './authn.module';
export * from './access-token.verifier';
export * from './public-key.source';
export * from './remote-jwks.key-source';
export * from './session-revocations';
export * from './current-user.decorator';
export { Public } from '@chat/platform';
