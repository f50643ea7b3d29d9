export * from './app-error';
export * from './to-error-body';
