export * from './announcements.module';
export * from './announcements.service';
export * from './announcement.record';
export * from './announcements.repository';
export * from './storage/announcements-storage.module';
export * from './storage/announcements.migrations';
export * from './sqlite/sqlite-announcements.repository';
