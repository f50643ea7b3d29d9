export * from './announcements.module';
export * from './announcements.service';
