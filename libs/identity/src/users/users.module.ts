import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { UsersService } from '../auth/users.service';
import { UserRecord, UserSchema } from './user.schema';
import { UsersRepository } from './users.repository';

/** Read access to users for other libraries (rooms shows members); identity remains the only writer. */
@Module({
  imports: [MongooseModule.forFeature([{ name: UserRecord.name, schema: UserSchema }])],
  providers: [UsersRepository, UsersService],
  exports: [UsersRepository, UsersService],
})
export class UsersModule {}
