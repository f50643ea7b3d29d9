export * from './delivery-log';
export * from './delivery-report';
export * from './delivery-checker';
export * from './state-digest';
