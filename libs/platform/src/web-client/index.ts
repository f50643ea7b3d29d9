export * from './static-files';
export * from './web-host';
