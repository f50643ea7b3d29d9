export * from './rooms.module';
export * from './rooms-http.module';
export * from './access/room-access';
export * from './records/room-sequences';
export * from './records/room.mapper';
export * from './records/memberships.repository';
export * from './records/rooms.repository';
export * from './services/read-markers.service';
