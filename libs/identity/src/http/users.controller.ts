import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { User, UserList } from '@chat/contracts';
import { CurrentUser, type AuthUser } from '@chat/authn';
import { UserRateLimits } from '@chat/platform/engine';
import { UsersService } from '../auth/users.service';
import { SearchUsersQuery } from '../dto/search-users.query';
import { UserIdParams } from '../dto/user-id.params';

@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly limits: UserRateLimits,
  ) {}

  @Get()
  async search(@CurrentUser() me: AuthUser, @Query() query: SearchUsersQuery): Promise<UserList> {
    await this.limits.spend('search', me.userId);
    return this.users.search(query);
  }

  @Get(':id')
  get(@Param() { id }: UserIdParams): Promise<User> {
    return this.users.get(id);
  }

  /** Global admins only; the role reaches the user's tokens at their next login or refresh. */
  @Post(':id/roles/admin')
  @HttpCode(204)
  grantAdmin(@CurrentUser() me: AuthUser, @Param() { id }: UserIdParams): Promise<void> {
    return this.users.grantAdmin(me, id);
  }
}
