export * from './text.decorators';
export * from './payload-shape';
