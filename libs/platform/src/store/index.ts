export * from './store.options';
export * from './store-probe';
export * from './with-deadline';
