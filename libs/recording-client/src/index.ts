export * from './recording-client';
