export * from './cluster';
export * from './cluster.options';
export * from './cluster-down';
export * from './nginx-prefix';
export * from './pid-file';
export * from './gateway-map';
export * from './managed-process';
export * from './readiness';
