export * from './sqlite.options';
export * from './sqlite-database';
export * from './sqlite-migrations';
export * from './prefix-range';
export * from './sqlite.module';
