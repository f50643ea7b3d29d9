export * from './recording-client';
export * from './room-history';
export * from './change-maker';
