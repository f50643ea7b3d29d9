import { Injectable } from '@nestjs/common';
import type { User, UserList } from '@chat/contracts';
import { isGlobalAdmin, type AuthUser } from '@chat/authn';
import { AppError } from '@chat/platform/errors';
import type { SearchUsersQuery } from '../dto/search-users.query';
import { toUser } from '../users/user.mapper';
import { foldUsername } from '../users/username-key';
import { UsersRepository } from '../users/users.repository';

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw AppError.notFound('User');
    return toUser(user);
  }

  async search(query: SearchUsersQuery): Promise<UserList> {
    const found = await this.users.searchByPrefix(foldUsername(query.q), query.limit);
    return { items: found.map(toUser) };
  }

  /** Gives a user the global admin role; it appears in their tokens from their next login or refresh. */
  async grantAdmin(me: AuthUser, id: string): Promise<void> {
    if (!isGlobalAdmin(me)) throw AppError.forbidden('Only an admin may grant the admin role');
    const user = await this.users.findById(id);
    if (!user) throw AppError.notFound('User');
    await this.users.addRole(user.id, 'admin');
  }
}
