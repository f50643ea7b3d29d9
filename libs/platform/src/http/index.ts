export * from './http-error.filter';
export * from './validation.pipe';
export * from './configure-http-app';
export * from './public.decorator';
export * from './trust-proxy';
export * from './create-http-app';
export * from './serve-http-service';
