import { Controller, Get, Param, Query } from '@nestjs/common';
import type { User, UserList } from '@chat/contracts';
import { UsersService } from '../auth/users.service';
import { SearchUsersQuery } from '../dto/search-users.query';
import { UserIdParams } from '../dto/user-id.params';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  search(@Query() query: SearchUsersQuery): Promise<UserList> {
    return this.users.search(query);
  }

  @Get(':id')
  get(@Param() { id }: UserIdParams): Promise<User> {
    return this.users.get(id);
  }
}
