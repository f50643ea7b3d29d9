import { Module } from '@nestjs/common';
import { UsersService } from '../auth/users.service';

/**
 * Read access to users for other libraries (rooms shows members) through the UsersRepository port, which
 * IdentityStorageModule binds; identity remains the only writer.
 */
@Module({
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
